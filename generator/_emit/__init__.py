"""Emission: the model in, every line of a provider module decided, as Python source.

``emit_provider`` makes a :class:`ProviderModule` (``_module``), each concern in a module of its
own: values and imports (``_source``), the request's expressions (``_expressions``), the
framing's constructor (``_framing``), the walk of JSON documents (``_walk``), and what the
package's registry and table say of a provider (``_catalog``). Templates only lay it out.
"""

from ._catalog import info_source, provider_info, providers_table
from ._module import Argument, Attribute, ProviderModule, emit_provider
from ._source import comment, literal

__all__ = [
    "Argument",
    "Attribute",
    "ProviderModule",
    "comment",
    "emit_provider",
    "info_source",
    "literal",
    "provider_info",
    "providers_table",
]
