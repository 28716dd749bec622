"""The model: what a spec means, as typed values; read by the emitter, made by the spec reader.

It holds data only: nothing here reads a spec or writes code.
"""

from ._framing_specs import (
    DocumentPaths,
    FramingSpec,
    JSONArraySpec,
    JSONDocumentsSpec,
    NDJSONSpec,
    SSESpec,
    TextSpec,
)
from ._jsonpaths import CompiledPath, Index, Name, Step, Wildcard
from ._provider_spec import (
    BodyFormat,
    BodyTemplate,
    ExtraKwargs,
    MessageMapping,
    Parameter,
    ProviderSpec,
    Request,
    RetrySettings,
    Scalar,
    TimeoutSettings,
    placeholders_in,
)
from ._reserved import CALL_OPTIONS, FUNCTION_LOCALS, LIBRARY_NAMES, URL_LOCAL, reserved_names
from ._templates import (
    BUILTIN_PLACEHOLDERS,
    ITEM_PLACEHOLDERS,
    MAYBE_ABSENT,
    WHOLE_VALUE_ONLY,
    Part,
    Placeholder,
    TemplateString,
)

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "CALL_OPTIONS",
    "FUNCTION_LOCALS",
    "ITEM_PLACEHOLDERS",
    "LIBRARY_NAMES",
    "MAYBE_ABSENT",
    "URL_LOCAL",
    "WHOLE_VALUE_ONLY",
    "BodyFormat",
    "BodyTemplate",
    "CompiledPath",
    "DocumentPaths",
    "ExtraKwargs",
    "FramingSpec",
    "Index",
    "JSONArraySpec",
    "JSONDocumentsSpec",
    "MessageMapping",
    "NDJSONSpec",
    "Name",
    "Parameter",
    "Part",
    "Placeholder",
    "ProviderSpec",
    "Request",
    "RetrySettings",
    "SSESpec",
    "Scalar",
    "Step",
    "TemplateString",
    "TextSpec",
    "TimeoutSettings",
    "Wildcard",
    "placeholders_in",
    "reserved_names",
]
