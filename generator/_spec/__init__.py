"""Reading specs: YAML in, the typed model out, every problem a diagnostic at its line.

The JSON Schema checks structure (``_schema``); the reader checks meaning and builds the
model (``_parser``, with a module per section); the spec format's versions are told apart in
one place (``_formats``).
"""

from ._parser import MAX_SPEC_BYTES, load_spec
from ._schema import SPEC_SCHEMA, schema_text

__all__ = ["MAX_SPEC_BYTES", "SPEC_SCHEMA", "load_spec", "schema_text"]
