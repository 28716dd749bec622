# Generated from specs/aivvm.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Aivvm streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_model_object_table: dict[str, Any] = {
    "gpt-3.5-turbo": {"id": "gpt-3.5-turbo", "name": "GPT-3.5"},
    "gpt-3.5-turbo-0613": {"id": "gpt-3.5-turbo-0613", "name": "GPT-3.5-0613"},
    "gpt-3.5-turbo-16k": {"id": "gpt-3.5-turbo-16k", "name": "GPT-3.5-16K"},
    "gpt-3.5-turbo-16k-0613": {"id": "gpt-3.5-turbo-16k-0613", "name": "GPT-3.5-16K-0613"},
    "gpt-4": {"id": "gpt-4", "name": "GPT-4"},
    "gpt-4-0613": {"id": "gpt-4-0613", "name": "GPT-4-0613"},
    "gpt-4-32k": {"id": "gpt-4-32k", "name": "GPT-4-32K"},
    "gpt-4-32k-0613": {"id": "gpt-4-32k-0613", "name": "GPT-4-32K-0613"},
}


_ENDPOINT = Endpoint(
    provider="Aivvm",
    method="POST",
    url="https://chat.aivvm.com/api/chat",
    framing=TextFraming(content_types=("*/*",)),
)


class Aivvm(AsyncGeneratorProvider):
    """Streams answers from the Aivvm endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "chat.aivvm.com, a chatbot-ui endpoint streaming raw text."
    url: ClassVar[str] = "https://chat.aivvm.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = (
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0613",
        "gpt-3.5-turbo-16k",
        "gpt-3.5-turbo-16k-0613",
        "gpt-4",
        "gpt-4-0613",
        "gpt-4-32k",
        "gpt-4-32k-0613",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The system prompt, sent as the body's "prompt".
        system_message: str = "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully. Respond using markdown.",
        # Sampling temperature.
        temperature: float = 0.7,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are accepted and ignored.
        """
        model = model or "gpt-3.5-turbo"
        model_object = _ENDPOINT.entry("model_object", _model_object_table, model)
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "model": model_object,
            "messages": list(messages),
            "key": "",
            "prompt": system_message,
            "temperature": temperature,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
