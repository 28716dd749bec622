"""The runtime of generated providers: stream decoding, errors, timeouts, retries.

It is written by hand in streamgen's ``generator/runtime``, and ``python -m generator build``
copies it, file by file with a do-not-edit header, into the ``_runtime`` subpackage of every
package it writes, so a generated package needs aiohttp and msgspec and nothing of streamgen:
its core always, and the parts the build asks for (``_parts``). The output package's
``__init__`` re-exports the names listed here, the core's: what a caller of a provider needs.
Provider modules import what they are built from (``Endpoint``, the framings, the message
helpers) from the modules here that define them.
"""

from ._config import Retries, Timeouts
from ._events import Finish, ReasoningDelta, StreamEvent, TextDelta, ToolCallDelta, Usage
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    ConnectTimeoutError,
    EventTooLargeError,
    IdleTimeoutError,
    IncompleteStreamError,
    MalformedEventError,
    MissingSecretError,
    MissingValueError,
    NotFoundError,
    PackageReloadedError,
    PermissionDeniedError,
    ProtocolError,
    ProviderConnectionError,
    ProviderError,
    ProviderTimeoutError,
    RateLimitError,
    RedirectError,
    ResponseLimitError,
    ServerError,
    ServerReportedError,
    TLSError,
    TotalTimeoutError,
    UnexpectedContentTypeError,
    UnexpectedStatusError,
    UnknownProviderError,
)
from ._messages import ContentPart, Message
from ._provider import AsyncGeneratorProvider
from ._stream import TextStream

__all__ = [
    "APIStatusError",
    "AsyncGeneratorProvider",
    "AuthenticationError",
    "ConfigurationError",
    "ConnectTimeoutError",
    "ContentPart",
    "EventTooLargeError",
    "Finish",
    "IdleTimeoutError",
    "IncompleteStreamError",
    "MalformedEventError",
    "Message",
    "MissingSecretError",
    "MissingValueError",
    "NotFoundError",
    "PackageReloadedError",
    "PermissionDeniedError",
    "ProtocolError",
    "ProviderConnectionError",
    "ProviderError",
    "ProviderTimeoutError",
    "RateLimitError",
    "ReasoningDelta",
    "RedirectError",
    "ResponseLimitError",
    "Retries",
    "ServerError",
    "ServerReportedError",
    "StreamEvent",
    "TLSError",
    "TextDelta",
    "TextStream",
    "Timeouts",
    "ToolCallDelta",
    "TotalTimeoutError",
    "UnexpectedContentTypeError",
    "UnexpectedStatusError",
    "UnknownProviderError",
    "Usage",
]
