# Generated from specs/chat_base.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ChatBase streaming provider, generated from its spec."""

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

_chat_id_table: dict[str, str] = {
    "gpt-4": "quran---tafseer-saadi-pdf-wbgknt7zn",
    "gpt-3.5-turbo": "chatbase--1--pdf-p680fxvnm",
}


_ENDPOINT = Endpoint(
    provider="ChatBase",
    method="POST",
    url="https://www.chatbase.co/api/fe/chat",
    framing=TextFraming(content_types=("*/*",)),
)


class ChatBase(AsyncGeneratorProvider):
    """Streams answers from the ChatBase endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "chatbase.co, a public bot per model answering in raw text."
    url: ClassVar[str] = "https://www.chatbase.co"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = ("gpt-3.5-turbo", "gpt-4")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
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
        chat_id = _ENDPOINT.entry("chat_id", _chat_id_table, model)
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "Accept": "*/*",
            "Accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "Origin": cls.url,
            "Referer": cls.url + "/",
            "Sec-Fetch-Dest": "empty",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "captchaCode": "hadsa",
            "chatId": chat_id,
            "conversationId": "kcXpqEnqUie3dnJlsRi_O-" + chat_id,
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
