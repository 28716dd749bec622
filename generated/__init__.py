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
    from generated.gpt_go import GptGo
    from generated.groq_chat import GroqChat
    from generated.llamacpp_completion import LlamacppCompletion
    from generated.mistral_chat import MistralChat
    from generated.ollama_chat import OllamaChat
    from generated.openai_chat import OpenaiChat
    from generated.openai_responses import OpenaiResponses
    from generated.tgi_generate import TgiGenerate
    from generated.yqcloud import Yqcloud

``providers()``, ``get_provider(name)`` and ``find_providers(model=...)`` find them by name or
model, importing a provider's module only when its class is asked for; ``provider_infos()`` says
what each spec declares (models, framing, parameters) without importing any.
``python -m generated`` chats with one from the terminal.
``python -m generated serve`` serves them all behind one OpenAI-compatible endpoint.
``gpt4free_provider(Provider)`` is the class gpt4free's clients take as ``provider=``.

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
    MissingValueError,
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
    UnknownProviderError,
    Usage,
)
from ._runtime._gpt4free import gpt4free_provider
from ._runtime._registry import ParameterInfo, ProviderInfo, Registry

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
    "ParameterInfo",
    "PermissionDeniedError",
    "ProtocolError",
    "ProviderConnectionError",
    "ProviderError",
    "ProviderInfo",
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
    "find_providers",
    "get_provider",
    "gpt4free_provider",
    "provider_infos",
    "providers",
]

_REGISTRY = Registry(
    __name__,
    (
        ProviderInfo(
            name="Acytoo",
            module="acytoo",
            description="chat.acytoo.com, an OpenAI proxy that streams its answer as raw text.",
            url="https://chat.acytoo.com",
            endpoint="POST https://chat.acytoo.com/api/completions",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.5,
                    description="Sampling temperature.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="AnthropicMessages",
            module="anthropic_messages",
            description="Anthropic Messages API, streamed as typed server-sent events.",
            url="https://www.anthropic.com",
            endpoint="POST https://api.anthropic.com/v1/messages",
            framing="sse",
            working=True,
            default_model="claude-3-5-haiku-latest",
            models=("claude-3-5-haiku-latest", "claude-3-5-sonnet-latest", "claude-3-opus-latest"),
            secrets=("ANTHROPIC_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="max_tokens",
                    type="int",
                    required=True,
                    description="Most tokens to generate (the API requires it).",
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 1."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="CodeLinkAva",
            module="codelink_ava",
            description='CodeLink\'s "Ava" assistant: an OpenAI-style chat completion stream over server-sent events. The endpoint no longer answers.',
            url="https://ava-ai-ef611.web.app",
            endpoint="POST https://ava-alpha-api.codelink.io/api/chat",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.6,
                    description='Sampling temperature, sent as the body\'s "temperature".',
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="CohereChat",
            module="cohere_chat",
            description="Cohere v2 chat, streamed as typed server-sent events.",
            url="https://cohere.com",
            endpoint="POST https://api.cohere.com/v2/chat",
            framing="sse",
            working=True,
            default_model="command-r-plus-08-2024",
            models=("command-r-plus-08-2024", "command-r-08-2024", "command-a-03-2025"),
            secrets=("CO_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 1."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="DeepseekChat",
            module="deepseek_chat",
            description="DeepSeek chat completions, reasoning and answer streamed apart.",
            url="https://www.deepseek.com",
            endpoint="POST https://api.deepseek.com/chat/completions",
            framing="sse",
            working=True,
            default_model="deepseek-chat",
            models=("deepseek-chat", "deepseek-reasoner"),
            secrets=("DEEPSEEK_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    description="Sampling temperature (deepseek-chat only).",
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="Gemini",
            module="gemini",
            description="Google Gemini, streamGenerateContent as server-sent events.",
            url="https://ai.google.dev",
            endpoint="POST https://generativelanguage.googleapis.com/v1beta/models/${model}:streamGenerateContent?alt=sse&key=${env.GEMINI_API_KEY}",
            framing="sse",
            working=True,
            default_model="gemini-2.0-flash",
            models=("gemini-2.0-flash", "gemini-1.5-flash", "gemini-1.5-pro"),
            secrets=("GEMINI_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="GeminiArray",
            module="gemini_array",
            description="Google Gemini, streamGenerateContent as one streamed JSON array.",
            url="https://ai.google.dev",
            endpoint="POST https://generativelanguage.googleapis.com/v1beta/models/${model}:streamGenerateContent?key=${env.GEMINI_API_KEY}",
            framing="json_array",
            working=True,
            default_model="gemini-2.0-flash",
            models=("gemini-2.0-flash", "gemini-1.5-flash", "gemini-1.5-pro"),
            secrets=("GEMINI_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="GptGo",
            module="gpt_go",
            description="gptgo.ai, a token for the prompt, then the answer for the token.",
            url="https://gptgo.ai",
            endpoint="GET https://gptgo.ai/action_ai_gpt.php?token=${token}",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="GroqChat",
            module="groq_chat",
            description="Groq chat completions, streamed as server-sent events.",
            url="https://groq.com",
            endpoint="POST https://api.groq.com/openai/v1/chat/completions",
            framing="sse",
            working=True,
            default_model="llama-3.1-8b-instant",
            models=("llama-3.1-8b-instant", "llama-3.3-70b-versatile", "gemma2-9b-it"),
            secrets=("GROQ_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="LlamacppCompletion",
            module="llamacpp_completion",
            description="llama.cpp server's /completion, streamed as server-sent events.",
            url="https://github.com/ggml-org/llama.cpp",
            endpoint="POST http://127.0.0.1:8080/completion",
            framing="sse",
            working=True,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="n_predict",
                    type="int",
                    default=256,
                    description="Most tokens to generate.",
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="MistralChat",
            module="mistral_chat",
            description="Mistral chat completions, streamed as server-sent events.",
            url="https://mistral.ai",
            endpoint="POST https://api.mistral.ai/v1/chat/completions",
            framing="sse",
            working=True,
            default_model="mistral-small-latest",
            models=("mistral-small-latest", "mistral-large-latest", "open-mistral-nemo"),
            secrets=("MISTRAL_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 1.5."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="OllamaChat",
            module="ollama_chat",
            description="Ollama's chat endpoint on this machine, streamed as NDJSON.",
            url="https://ollama.com",
            endpoint="POST http://127.0.0.1:11434/api/chat",
            framing="ndjson",
            working=True,
            default_model="llama3.2",
            models=("llama3.2", "qwen2.5", "mistral"),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature."
                ),
                ParameterInfo(
                    name="keep_alive",
                    type="str",
                    default="5m",
                    description="How long the model stays loaded.",
                ),
            ),
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="OpenaiChat",
            module="openai_chat",
            description="OpenAI chat completions, streamed as server-sent events.",
            url="https://platform.openai.com",
            endpoint="POST https://api.openai.com/v1/chat/completions",
            framing="sse",
            working=True,
            default_model="gpt-4o-mini",
            models=("gpt-4o-mini", "gpt-4o", "gpt-4-turbo", "gpt-3.5-turbo"),
            secrets=("OPENAI_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
                ParameterInfo(name="top_p", type="float", description="Nucleus sampling mass."),
                ParameterInfo(
                    name="include_usage",
                    type="bool",
                    description="Ask for token usage in a last chunk.",
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="OpenaiResponses",
            module="openai_responses",
            description="OpenAI Responses API, streamed as typed server-sent events.",
            url="https://platform.openai.com",
            endpoint="POST https://api.openai.com/v1/responses",
            framing="sse",
            working=True,
            default_model="gpt-4o-mini",
            models=("gpt-4o-mini", "gpt-4o", "gpt-4.1", "o4-mini"),
            secrets=("OPENAI_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_output_tokens", type="int", description="Most tokens to generate."
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="TgiGenerate",
            module="tgi_generate",
            description="Hugging Face TGI's /generate_stream, a token per server-sent event.",
            url="https://huggingface.co/docs/text-generation-inference",
            endpoint="POST http://127.0.0.1:8080/generate_stream",
            framing="sse",
            working=True,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="max_new_tokens",
                    type="int",
                    default=256,
                    description="Most tokens to generate.",
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature."
                ),
            ),
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="Yqcloud",
            module="yqcloud",
            description="chat9.yqcloud.top, a prompt-string endpoint answering in raw text.",
            url="https://chat9.yqcloud.top/",
            endpoint="POST https://api.aichatos.cloud/api/generateStream",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
    ),
)

find_providers = _REGISTRY.find_providers
get_provider = _REGISTRY.get_provider
provider_infos = _REGISTRY.provider_infos
providers = _REGISTRY.providers
