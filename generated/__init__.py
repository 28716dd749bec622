# Generated from specs/ by `python -m generator build`: do not edit by hand.
# Edit the specs, then regenerate.
"""Streaming providers generated from their specs, and what their callers need.

Each provider is a module of this package::

    from generated.acytoo import Acytoo
    from generated.anthropic_messages import AnthropicMessages
    from generated.codelink_ava import CodeLinkAva
    from generated.cohere_chat import CohereChat
    from generated.deepseek_chat import DeepseekChat
    from generated.gemini import Gemini
    from generated.gemini_array import GeminiArray
    from generated.groq_chat import GroqChat
    from generated.llamacpp_completion import LlamacppCompletion
    from generated.mistral_chat import MistralChat
    from generated.ollama_chat import OllamaChat
    from generated.openai_chat import OpenaiChat
    from generated.openai_responses import OpenaiResponses
    from generated.tgi_generate import TgiGenerate
    from generated.yqcloud import Yqcloud

The runtime they share is the ``_runtime`` subpackage, a copy of the generator's; the names a
caller needs from it (the errors, ``Timeouts``, ``TextStream``, ...) are exported here.
"""

from ._runtime import (
    APIStatusError,
    AsyncGeneratorProvider,
    AuthenticationError,
    ConfigurationError,
    ConnectTimeoutError,
    ContentPart,
    EventTooLargeError,
    Finish,
    IdleTimeoutError,
    IncompleteStreamError,
    MalformedEventError,
    Message,
    MissingSecretError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    ProviderConnectionError,
    ProviderError,
    ProviderTimeoutError,
    RateLimitError,
    ReasoningDelta,
    RedirectError,
    ResponseLimitError,
    Retries,
    ServerError,
    ServerReportedError,
    StreamEvent,
    TextDelta,
    TextStream,
    Timeouts,
    TLSError,
    ToolCallDelta,
    TotalTimeoutError,
    UnexpectedContentTypeError,
    UnexpectedStatusError,
    Usage,
)

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
    "NotFoundError",
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
    "Usage",
]
