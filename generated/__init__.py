"""Provider modules generated from ``specs/``, and the small runtime they share.

Modules without a leading underscore are generated: edit the spec and run
``python -m generator build`` instead of editing them. ``_``-prefixed modules are the runtime;
the names a caller needs from it are exported here::

    from generated import ProviderError, Timeouts
    from generated.codelink_ava import CodeLinkAva
"""

from ._endpoint import Retries, Timeouts
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
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    ProviderConnectionError,
    ProviderError,
    ProviderTimeoutError,
    RateLimitError,
    ServerError,
    ServerReportedError,
    TotalTimeoutError,
    UnexpectedContentTypeError,
)
from ._messages import Message
from ._provider import AsyncGeneratorProvider
from ._stream import TextStream

__all__ = [
    "APIStatusError",
    "AsyncGeneratorProvider",
    "AuthenticationError",
    "ConfigurationError",
    "ConnectTimeoutError",
    "EventTooLargeError",
    "IdleTimeoutError",
    "IncompleteStreamError",
    "MalformedEventError",
    "Message",
    "MissingSecretError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProtocolError",
    "ProviderConnectionError",
    "ProviderError",
    "ProviderTimeoutError",
    "RateLimitError",
    "Retries",
    "ServerError",
    "ServerReportedError",
    "TextStream",
    "Timeouts",
    "TotalTimeoutError",
    "UnexpectedContentTypeError",
]
