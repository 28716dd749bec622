# Generated from specs/ by `python -m generator build`: do not edit by hand.
# Edit the specs, then regenerate.
"""Streaming providers generated from their specs, and what their callers need.

Each provider is a module of this package::

    from generated.acytoo import Acytoo
    from generated.ai_service import AiService
    from generated.aibn import Aibn
    from generated.aichat import Aichat
    from generated.ails import Ails
    from generated.aitianhu import AItianhu
    from generated.aitianhu_space import AItianhuSpace
    from generated.aivvm import Aivvm
    from generated.anthropic_messages import AnthropicMessages
    from generated.azure_openai import AzureOpenai
    from generated.azure_openai_entra import AzureOpenaiEntra
    from generated.bedrock_claude import BedrockClaude
    from generated.bedrock_converse import BedrockConverse
    from generated.bing import Bing
    from generated.chat_base import ChatBase
    from generated.chat_for_ai import ChatForAi
    from generated.chat_gpt_oss import ChatGptOss
    from generated.chatgpt_ai import ChatgptAi
    from generated.chatgpt_duo import ChatgptDuo
    from generated.chatgpt_login import ChatgptLogin
    from generated.codelink_ava import CodeLinkAva
    from generated.cohere_chat import CohereChat
    from generated.deep_ai import DeepAi
    from generated.deepseek_chat import DeepseekChat
    from generated.dfe_hub import DfeHub
    from generated.easy_chat import EasyChat
    from generated.equing import Equing
    from generated.fast_gpt import FastGpt
    from generated.forefront import Forefront
    from generated.free_gpt import FreeGpt
    from generated.gemini import Gemini
    from generated.gemini_array import GeminiArray
    from generated.giga_chat import GigaChat
    from generated.gpt_go import GptGo
    from generated.grok import Grok
    from generated.groq_chat import GroqChat
    from generated.h2o import H2o
    from generated.hugging_chat import HuggingChat
    from generated.liaobots import Liaobots
    from generated.llamacpp_completion import LlamacppCompletion
    from generated.lockchat import Lockchat
    from generated.mistral_chat import MistralChat
    from generated.ollama_chat import OllamaChat
    from generated.opchatgpts import Opchatgpts
    from generated.open_assistant import OpenAssistant
    from generated.openai_chat import OpenaiChat
    from generated.openai_chat_web import OpenaiChatWeb
    from generated.openai_responses import OpenaiResponses
    from generated.opera_aria import OperaAria
    from generated.phind import Phind
    from generated.phind_ai import PhindAi
    from generated.pi import Pi
    from generated.pollinations import Pollinations
    from generated.puter import Puter
    from generated.quillbot import Quillbot
    from generated.raycast import Raycast
    from generated.reka import Reka
    from generated.replicate import Replicate
    from generated.teach_anything import TeachAnything
    from generated.tgi_generate import TgiGenerate
    from generated.theb import Theb
    from generated.v50 import V50
    from generated.vertex_gemini import VertexGemini
    from generated.vitalentum import Vitalentum
    from generated.wewordle import Wewordle
    from generated.white_rabbit_neo import WhiteRabbitNeo
    from generated.wuguokai import Wuguokai
    from generated.ylokh import Ylokh
    from generated.you import You
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
    PackageReloadedError,
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
    "PackageReloadedError",
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
            name="AiService",
            module="ai_service",
            description="aiservice.vercel.app, the conversation as lines, the answer in one JSON document.",
            url="https://aiservice.vercel.app/",
            endpoint="POST https://aiservice.vercel.app/api/chat/answer",
            framing="json",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Aibn",
            module="aibn",
            description="aibn.cc, a signed chatgpt-demo endpoint streaming raw text.",
            url="https://aibn.cc",
            endpoint="POST https://aibn.cc/api/generate",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Aichat",
            module="aichat",
            description="chat-gpt.org, a prompt string answered in one JSON document.",
            url="https://chat-gpt.org/chat",
            endpoint="POST https://chat-gpt.org/api/text",
            framing="json",
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
                ParameterInfo(
                    name="top_p", type="float", default=1, description="Nucleus sampling."
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Ails",
            module="ails",
            description="ai.ls (api.caipacity.com), a signed OpenAI-style chat stream.",
            url="https://ai.ls",
            endpoint="POST https://api.caipacity.com/v1/chat/completions",
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
                    description="Sampling temperature.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="AItianhu",
            module="aitianhu",
            description="www.aitianhu.com, a chatgpt-web prompt endpoint answering a JSON document a line.",
            url="https://www.aitianhu.com",
            endpoint="POST https://www.aitianhu.com/api/chat-process",
            framing="ndjson",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.8,
                    description="Sampling temperature.",
                ),
                ParameterInfo(name="top_p", type="int", default=1, description="Nucleus sampling."),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="AItianhuSpace",
            module="aitianhu_space",
            description="aitianhu.space / aitianhu.website, chatgpt-web on a random subdomain per call.",
            url="https://chat3.aiyunos.top/",
            endpoint="POST https://${rand}${domain}/api/chat-process",
            framing="ndjson",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo", "gpt-4"),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.8,
                    description="Sampling temperature.",
                ),
                ParameterInfo(name="top_p", type="int", default=1, description="Nucleus sampling."),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="Aivvm",
            module="aivvm",
            description="chat.aivvm.com, a chatbot-ui endpoint streaming raw text.",
            url="https://chat.aivvm.com",
            endpoint="POST https://chat.aivvm.com/api/chat",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=(
                "gpt-3.5-turbo",
                "gpt-3.5-turbo-0613",
                "gpt-3.5-turbo-16k",
                "gpt-3.5-turbo-16k-0613",
                "gpt-4",
                "gpt-4-0613",
                "gpt-4-32k",
                "gpt-4-32k-0613",
            ),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="system_message",
                    type="str",
                    default="You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully. Respond using markdown.",
                    description='The system prompt, sent as the body\'s "prompt".',
                ),
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.7,
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
            name="AzureOpenai",
            module="azure_openai",
            description="Azure OpenAI chat completions with a resource key, streamed as server-sent events.",
            url="https://learn.microsoft.com/azure/ai-services/openai/",
            endpoint="POST https://your-resource.openai.azure.com/openai/deployments/${model}/chat/completions?api-version=${api_version}",
            framing="sse",
            working=True,
            default_model="gpt-4o-mini",
            models=("gpt-4o-mini", "gpt-4o", "gpt-35-turbo"),
            secrets=("AZURE_OPENAI_API_KEY",),
            parameters=(
                ParameterInfo(
                    name="api_version",
                    type="str",
                    default="2024-10-21",
                    description="The API's version, a date.",
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
                ParameterInfo(
                    name="include_usage",
                    type="bool",
                    description="Ask for token usage in a last chunk.",
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="AzureOpenaiEntra",
            module="azure_openai_entra",
            description="Azure OpenAI chat completions with an Entra ID token, streamed as server-sent events.",
            url="https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity",
            endpoint="POST https://your-resource.openai.azure.com/openai/deployments/${model}/chat/completions?api-version=${api_version}",
            framing="sse",
            working=True,
            default_model="gpt-4o-mini",
            models=("gpt-4o-mini", "gpt-4o", "gpt-35-turbo"),
            secrets=("AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID"),
            parameters=(
                ParameterInfo(
                    name="api_version",
                    type="str",
                    default="2024-10-21",
                    description="The API's version, a date.",
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 2."
                ),
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
                ParameterInfo(
                    name="include_usage",
                    type="bool",
                    description="Ask for token usage in a last chunk.",
                ),
            ),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="BedrockClaude",
            module="bedrock_claude",
            description="Claude on Amazon Bedrock, Anthropic's events inside AWS's event stream, signed with SigV4.",
            url="https://aws.amazon.com/bedrock/claude",
            endpoint="POST https://bedrock-runtime.us-east-1.amazonaws.com/model/${model}/invoke-with-response-stream",
            framing="aws_eventstream",
            working=True,
            default_model="anthropic.claude-3-haiku-20240307-v1:0",
            models=(
                "anthropic.claude-3-haiku-20240307-v1:0",
                "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "anthropic.claude-3-5-haiku-20241022-v1:0",
            ),
            secrets=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
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
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="BedrockConverse",
            module="bedrock_converse",
            description="Amazon Bedrock's Converse API, signed with SigV4, streamed as AWS's event stream.",
            url="https://aws.amazon.com/bedrock",
            endpoint="POST https://bedrock-runtime.us-east-1.amazonaws.com/model/${model}/converse-stream",
            framing="aws_eventstream",
            working=True,
            default_model="anthropic.claude-3-haiku-20240307-v1:0",
            models=(
                "anthropic.claude-3-haiku-20240307-v1:0",
                "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "meta.llama3-8b-instruct-v1:0",
                "amazon.nova-lite-v1:0",
            ),
            secrets=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
            parameters=(
                ParameterInfo(
                    name="max_tokens", type="int", description="Most tokens to generate."
                ),
                ParameterInfo(
                    name="temperature", type="float", description="Sampling temperature, 0 to 1."
                ),
            ),
            extra_kwargs="reject",
        ),
        ProviderInfo(
            name="Bing",
            module="bing",
            description="Bing Chat (Sydney), a conversation, then the SignalR hub over a WebSocket.",
            url="https://bing.com/chat",
            endpoint="GET wss://sydney.bing.com/sydney/ChatHub",
            framing="websocket",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="tone",
                    type="str",
                    default="Creative",
                    description="Creative, Balanced or Precise.",
                ),
                ParameterInfo(
                    name="cookies",
                    type="str",
                    default='KievRPSSecAuth=""; PPLState=1; SRCHD="AF=NOFORM"; SRCHHPGUSR=""; SRCHUSR=""; SUID=""',
                    description="The Cookie header of every request (a signed-in _U cookie, say).",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatBase",
            module="chat_base",
            description="chatbase.co, a public bot per model answering in raw text.",
            url="https://www.chatbase.co",
            endpoint="POST https://www.chatbase.co/api/fe/chat",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo", "gpt-4"),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatForAi",
            module="chat_for_ai",
            description="chatforai.com, a signed request answering in raw text.",
            url="https://chatforai.com",
            endpoint="POST https://chatforai.com/api/handle/provider-openai",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.7,
                    description="Sent in globalSettings.",
                ),
                ParameterInfo(
                    name="top_p", type="float", default=1, description="Sent in globalSettings."
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatGptOss",
            module="chat_gpt_oss",
            description="chat-gpt-oss.com, GPT-OSS-120B and GPT-5-Nano over server-sent events.",
            url="https://chat-gpt-oss.com",
            endpoint="POST https://chat-gpt-oss.com/api/message",
            framing="sse",
            working=True,
            default_model="gpt-oss-120b",
            models=("gpt-oss-120b", "gpt-5-nano"),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatgptAi",
            module="chatgpt_ai",
            description="chatgpt.ai, an AI Engine chat bot whose settings the home page holds.",
            url="https://chatgpt.ai/",
            endpoint="POST https://chatgpt.ai/wp-json/mwai-ui/v1/chats/submit",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatgptDuo",
            module="chatgpt_duo",
            description="chatgptduo.com, a prompt with a web search, the answer as one JSON document.",
            url="https://chatgptduo.com",
            endpoint="POST https://chatgptduo.com/",
            framing="json",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="ChatgptLogin",
            module="chatgpt_login",
            description="opchatgpts.net, a WordPress AI Power chat bot answering in one JSON document.",
            url="https://opchatgpts.net",
            endpoint="POST https://opchatgpts.net/wp-admin/admin-ajax.php",
            framing="json",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
            name="DeepAi",
            module="deep_ai",
            description="deepai.org's chat, a form with the message list, answering in raw text.",
            url="https://deepai.org",
            endpoint="POST https://api.deepai.org/make_me_a_sandwich",
            framing="text",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
            name="DfeHub",
            module="dfe_hub",
            description="chat.dfehub.com, an OpenAI-style chat completion proxy.",
            url="https://chat.dfehub.com/",
            endpoint="POST https://chat.dfehub.com/api/openai/v1/chat/completions",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float", default=0.5),
                ParameterInfo(name="presence_penalty", type="int", default=0),
                ParameterInfo(name="frequency_penalty", type="int", default=0),
                ParameterInfo(name="top_p", type="int", default=1),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="EasyChat",
            module="easy_chat",
            description="fastgpt.me hosts, an OpenAI-style chat completion of a ChatGPT-Next-Web site.",
            url="https://free.easychat.work",
            endpoint="POST https://${server}/api/openai/v1/chat/completions",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float", default=0.5),
                ParameterInfo(name="presence_penalty", type="int", default=0),
                ParameterInfo(name="frequency_penalty", type="int", default=0),
                ParameterInfo(name="top_p", type="int", default=1),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Equing",
            module="equing",
            description="next.eqing.tech, an OpenAI-style chat completion of a ChatGPT-Next-Web site.",
            url="https://next.eqing.tech/",
            endpoint="POST https://next.eqing.tech/api/openai/v1/chat/completions",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float", default=0.5),
                ParameterInfo(name="presence_penalty", type="int", default=0),
                ParameterInfo(name="frequency_penalty", type="int", default=0),
                ParameterInfo(name="top_p", type="int", default=1),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="FastGpt",
            module="fast_gpt",
            description="chat9.fastgpt.me, an OpenAI-style chat completion of a ChatGPT-Next-Web site.",
            url="https://chat9.fastgpt.me/",
            endpoint="POST https://${subdomain}.fastgpt.me/api/openai/v1/chat/completions",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float", default=0.5),
                ParameterInfo(name="presence_penalty", type="int", default=0),
                ParameterInfo(name="frequency_penalty", type="int", default=0),
                ParameterInfo(name="top_p", type="int", default=1),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Forefront",
            module="forefront",
            description="Forefront's free chat, the last message and the history, streamed deltas.",
            url="https://forefront.com",
            endpoint="POST https://streaming.tenant-forefront-default.knative.chi.coreweave.com/free-chat",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="FreeGpt",
            module="free_gpt",
            description="aifree.site, the messages signed with the time, answered in raw text.",
            url="https://freegpts1.aifree.site/",
            endpoint="POST https://${domain}/api/generate",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
            name="GigaChat",
            module="giga_chat",
            description="Sber's GigaChat API, an OAuth token for the caller's key, then OpenAI-like events.",
            url="https://developers.sber.ru/gigachat",
            endpoint="POST https://gigachat.devices.sberbank.ru/api/v1/chat/completions",
            framing="sse",
            working=True,
            default_model="GigaChat",
            models=(
                "GigaChat-2",
                "GigaChat-2-Pro",
                "GigaChat-2-Max",
                "GigaChat",
                "GigaChat-Pro",
                "GigaChat-Max",
            ),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="api_key",
                    type="str",
                    required=True,
                    description="The caller's GigaChat authorization key.",
                ),
                ParameterInfo(
                    name="scope",
                    type="str",
                    default="GIGACHAT_API_PERS",
                    description="The OAuth scope.",
                ),
                ParameterInfo(
                    name="update_interval",
                    type="float",
                    default=0,
                    description="Seconds between the server's chunks.",
                ),
            ),
            extra_kwargs="merge",
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
            name="Grok",
            module="grok",
            description="grok.com's chat with a logged-in session's cookies; JSON lines of tokens.",
            url="https://grok.com",
            endpoint="POST https://grok.com/rest/app-chat/conversations/new",
            framing="ndjson",
            working=True,
            default_model="grok-4",
            models=(
                "grok-4",
                "grok-4-heavy",
                "grok-4-reasoning",
                "grok-3",
                "grok-3-reasoning",
                "grok-3-mini",
                "grok-3-mini-reasoning",
                "grok-2",
                "grok-2-image",
                "grok-latest",
            ),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookies",
                    type="str",
                    required=True,
                    description="The cookies of a logged-in grok.com session (sso=...), as a Cookie header's text.",
                ),
            ),
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
            name="H2o",
            module="h2o",
            description="gpt-gm.h2o.ai (chat-ui), settings accepted, a conversation, TGI's streamed tokens.",
            url="https://gpt-gm.h2o.ai",
            endpoint="POST https://gpt-gm.h2o.ai/conversation/${conversation_id}",
            framing="sse",
            working=False,
            default_model="h2oai/h2ogpt-gm-oasst1-en-2048-falcon-40b-v1",
            models=("h2oai/h2ogpt-gm-oasst1-en-2048-falcon-40b-v1",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.4,
                    description="Sampling temperature.",
                ),
                ParameterInfo(
                    name="truncate",
                    type="int",
                    default=2048,
                    description="Input tokens kept (from the end).",
                ),
                ParameterInfo(
                    name="max_new_tokens",
                    type="int",
                    default=1024,
                    description="Most tokens generated.",
                ),
                ParameterInfo(
                    name="do_sample",
                    type="bool",
                    default=True,
                    description="Sample rather than decode greedily.",
                ),
                ParameterInfo(
                    name="repetition_penalty",
                    type="float",
                    default=1.2,
                    description="Penalty of repeated tokens.",
                ),
                ParameterInfo(
                    name="return_full_text",
                    type="bool",
                    default=False,
                    description="Answer with the prompt too.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="HuggingChat",
            module="hugging_chat",
            description="huggingface.co/chat with the caller's cookies, chat-ui's streamed updates.",
            url="https://huggingface.co/chat",
            endpoint="POST https://huggingface.co/chat/conversation/${conversation_id}",
            framing="ndjson",
            working=False,
            default_model="meta-llama/Llama-2-70b-chat-hf",
            models=("meta-llama/Llama-2-70b-chat-hf",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookies",
                    type="str",
                    required=True,
                    description='The huggingface.co cookies as a Cookie header\'s text, "hf-chat=...".',
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Liaobots",
            module="liaobots",
            description="liaobots.com, an auth code, then the answer in raw text.",
            url="https://liaobots.com",
            endpoint="POST https://liaobots.com/api/chat",
            framing="text",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-4", "gpt-3.5-turbo", "gpt-3.5-turbo-16k"),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
            name="Lockchat",
            module="lockchat",
            description="supertest.lockchat.app, an OpenAI-style chat completions stream.",
            url="http://supertest.lockchat.app",
            endpoint="POST http://supertest.lockchat.app/v1/chat/completions",
            framing="sse",
            working=False,
            default_model=None,
            models=("gpt-3.5-turbo", "gpt-4"),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="temperature",
                    type="float",
                    default=0.7,
                    description="Sampling temperature (gpt4free's default 0.7).",
                ),
            ),
            extra_kwargs="ignore",
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
            name="Opchatgpts",
            module="opchatgpts",
            description="opchatgpts.net, a WordPress AI chat plugin; a nonce, then the whole answer as JSON.",
            url="https://opchatgpts.net",
            endpoint="POST https://opchatgpts.net/wp-admin/admin-ajax.php",
            framing="json",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="OpenAssistant",
            module="open_assistant",
            description="open-assistant.io's chat with a signed-in session, tokens as SSE.",
            url="https://open-assistant.io/chat",
            endpoint="POST https://open-assistant.io/api/chat/events?chat_id=${chat_id}&message_id=${message_id}",
            framing="sse",
            working=False,
            default_model="OA_SFT_Llama_30B_6",
            models=("OA_SFT_Llama_30B_6",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookie",
                    type="str",
                    required=True,
                    description="The Cookie header of a signed-in open-assistant.io session.",
                ),
                ParameterInfo(name="temperature", type="float", default=0.35),
                ParameterInfo(name="top_k", type="int", default=50),
                ParameterInfo(name="repetition_penalty", type="float", default=1.1111111111111112),
                ParameterInfo(name="max_new_tokens", type="int", default=1024),
            ),
            extra_kwargs="ignore",
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
            name="OpenaiChatWeb",
            module="openai_chat_web",
            description="chat.openai.com's web backend (2023), with a browser session's access token.",
            url="https://chat.openai.com",
            endpoint="POST https://chat.openai.com/backend-api/conversation",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="access_token",
                    type="str",
                    required=True,
                    description="The accessToken of a signed-in ChatGPT session (https://chat.openai.com/api/auth/session).",
                ),
            ),
            extra_kwargs="ignore",
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
            name="OperaAria",
            module="opera_aria",
            description="Opera Aria, an anonymous Opera account's token, then the answer over SSE.",
            url="https://play.google.com/store/apps/details?id=com.opera.browser",
            endpoint="POST https://composer.opera-api.com/api/v2/a-chat",
            framing="sse",
            working=True,
            default_model="aria",
            models=("aria",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="think_harder",
                    type="bool",
                    default=False,
                    description="Aria's think-harder mode.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Phind",
            module="phind",
            description="phind.com, one question, the answer as SSE text events.",
            url="https://www.phind.com",
            endpoint="POST https://www.phind.com/api/infer/answer",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="PhindAi",
            module="phind_ai",
            description="phindai.org, a WordPress ajax endpoint answering one JSON document.",
            url="https://phindai.org",
            endpoint="POST https://phindai.org/wp-admin/admin-ajax.php",
            framing="json",
            working=True,
            default_model="deepseek-v3",
            models=("deepseek-v3",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Pi",
            module="pi",
            description="pi.ai's chat with a browser's cookies, a conversation started for each call.",
            url="https://pi.ai/talk",
            endpoint="POST https://pi.ai/api/chat",
            framing="sse",
            working=True,
            default_model="pi",
            models=("pi",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookies",
                    type="str",
                    required=True,
                    description="The pi.ai cookies of a browser session, as a Cookie header's text.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Pollinations",
            module="pollinations",
            description="pollinations.ai's free text endpoint, OpenAI chat completions over SSE.",
            url="https://pollinations.ai",
            endpoint="POST https://text.pollinations.ai/openai",
            framing="sse",
            working=True,
            default_model="openai-fast",
            models=("openai-fast", "deepseek"),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float"),
                ParameterInfo(name="presence_penalty", type="float"),
                ParameterInfo(name="top_p", type="float"),
                ParameterInfo(name="frequency_penalty", type="float"),
                ParameterInfo(name="seed", type="int"),
                ParameterInfo(name="reasoning_effort", type="str"),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Puter",
            module="puter",
            description="Puter's AI driver with the caller's auth token; typed JSON lines.",
            url="https://docs.puter.com/playground",
            endpoint="POST https://api.puter.com/drivers/call",
            framing="ndjson",
            working=True,
            default_model="gpt-5.1",
            models=("gpt-5.1",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="api_key",
                    type="str",
                    required=True,
                    description="The caller's Puter auth token.",
                ),
                ParameterInfo(name="temperature", type="float"),
                ParameterInfo(name="top_p", type="float"),
                ParameterInfo(name="presence_penalty", type="float"),
                ParameterInfo(name="frequency_penalty", type="float"),
                ParameterInfo(name="reasoning_effort", type="str"),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Quillbot",
            module="quillbot",
            description="quillbot.com's AI chat, JSON lines on a fresh conversation.",
            url="https://quillbot.com/ai-chat",
            endpoint="POST https://quillbot.com/api/ai-chat/chat/conversation/${conversation_id}",
            framing="ndjson",
            working=True,
            default_model="quillbot",
            models=("quillbot",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Raycast",
            module="raycast",
            description="backend.raycast.com's AI chat, with the caller's Raycast token.",
            url="https://raycast.com",
            endpoint="POST https://backend.raycast.com/api/v1/ai/chat_completions",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="auth",
                    type="str",
                    required=True,
                    description="The caller's Raycast API token.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Reka",
            module="reka",
            description="space.reka.ai's chat with the caller's cookies; cumulative data lines.",
            url="https://space.reka.ai",
            endpoint="POST https://space.reka.ai/api/chat",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookies",
                    type="str",
                    required=True,
                    description="The space.reka.ai cookies (appSession=...) as a Cookie header's text.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Replicate",
            module="replicate",
            description="Replicate's predictions API with the caller's token, the answer as output events.",
            url="https://replicate.com",
            endpoint="GET https://stream.replicate.com/v1/files/${stream_id}",
            framing="sse",
            working=True,
            default_model="meta/meta-llama-3-70b-instruct",
            models=("meta/meta-llama-3-70b-instruct",),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="api_key",
                    type="str",
                    required=True,
                    description="The caller's Replicate API token.",
                ),
                ParameterInfo(name="system_prompt", type="str", description="input.system_prompt"),
                ParameterInfo(name="max_tokens", type="int", description="input.max_new_tokens"),
                ParameterInfo(name="temperature", type="float"),
                ParameterInfo(name="top_p", type="float"),
                ParameterInfo(name="top_k", type="float"),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="TeachAnything",
            module="teach_anything",
            description="teach-anything.com, a prompt-string endpoint answering in raw text.",
            url="https://www.teach-anything.com",
            endpoint="POST https://www.teach-anything.com/api/generate",
            framing="text",
            working=True,
            default_model="gemma",
            models=("gemma",),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
            name="Theb",
            module="theb",
            description="beta.theb.ai, a conversation API answering with the whole text so far.",
            url="https://theb.ai",
            endpoint="POST https://beta.theb.ai/api/conversation?org_id=${org_id}&req_rand=${req_rand}",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="bearer_token",
                    type="str",
                    default="free",
                    description="The theb.ai bearer token (auth['bearer_token'] in gpt4free).",
                ),
                ParameterInfo(
                    name="org_id",
                    type="str",
                    default="theb",
                    description="The theb.ai organisation id (auth['org_id'] in gpt4free).",
                ),
                ParameterInfo(name="temperature", type="float", default=1),
                ParameterInfo(name="top_p", type="int", default=1),
                ParameterInfo(name="frequency_penalty", type="int", default=0),
                ParameterInfo(name="presence_penalty", type="int", default=0),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="V50",
            module="v50",
            description="p5.v50.ltd, a prompt of role: content lines answered in plain text.",
            url="https://p5.v50.ltd",
            endpoint="POST https://p5.v50.ltd/api/chat-process",
            framing="text",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(name="temperature", type="float", default=0.4),
                ParameterInfo(name="top_p", type="float", default=0.4),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="VertexGemini",
            module="vertex_gemini",
            description="Gemini on Vertex AI, with a Google access token, streamed as server-sent events.",
            url="https://cloud.google.com/vertex-ai",
            endpoint="POST https://aiplatform.googleapis.com/v1/projects/${env.GOOGLE_CLOUD_PROJECT}/locations/${location}/publishers/google/models/${model}:streamGenerateContent?alt=sse",
            framing="sse",
            working=True,
            default_model="gemini-2.0-flash-001",
            models=("gemini-2.0-flash-001", "gemini-2.5-flash", "gemini-2.5-pro"),
            secrets=("GOOGLE_CLOUD_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS"),
            parameters=(
                ParameterInfo(
                    name="location",
                    type="str",
                    default="global",
                    description="The model's region: global, us-central1, ... (another host than the global one goes by base_url).",
                ),
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
            name="Vitalentum",
            module="vitalentum",
            description="app.vitalentum.io, a JSON-text conversation answered as OpenAI-style events.",
            url="https://app.vitalentum.io",
            endpoint="POST https://app.vitalentum.io/api/converse-edge",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="Wewordle",
            module="wewordle",
            description="wewordle.org's Android API, one JSON answer.",
            url="https://wewordle.org",
            endpoint="POST https://wewordle.org/gptapi/v1/android/turbo",
            framing="json",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="WhiteRabbitNeo",
            module="white_rabbit_neo",
            description="whiterabbitneo.com's chat with the caller's cookies; the body is the answer.",
            url="https://www.whiterabbitneo.com",
            endpoint="POST https://www.whiterabbitneo.com/api/chat",
            framing="text",
            working=True,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(
                ParameterInfo(
                    name="cookies",
                    type="str",
                    required=True,
                    description="The www.whiterabbitneo.com cookies as a Cookie header's text.",
                ),
            ),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Wuguokai",
            module="wuguokai",
            description="chat.wuguokai.xyz, a prompt answered in plain text after a notice.",
            url="https://chat.wuguokai.xyz",
            endpoint="POST https://ai-api20.wuguokai.xyz/api/chat-process",
            framing="text",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
        ),
        ProviderInfo(
            name="Ylokh",
            module="ylokh",
            description="chat.ylokh.xyz, an OpenAI-compatible chat completions endpoint.",
            url="https://chat.ylokh.xyz",
            endpoint="POST https://chatapi.ylokh.xyz/v1/chat/completions",
            framing="sse",
            working=False,
            default_model="gpt-3.5-turbo",
            models=("gpt-3.5-turbo",),
            secrets=(),
            parameters=(),
            extra_kwargs="merge",
        ),
        ProviderInfo(
            name="You",
            module="you",
            description="you.com's YouChat, the tokens of a streaming search.",
            url="https://you.com",
            endpoint="GET https://you.com/api/streamingSearch?q=${prompt}&domain=youchat&chat=",
            framing="sse",
            working=False,
            default_model=None,
            models=(),
            secrets=(),
            parameters=(),
            extra_kwargs="ignore",
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
