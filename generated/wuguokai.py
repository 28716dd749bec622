# Generated from specs/wuguokai.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Wuguokai streaming provider, generated from its spec."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming, TextMarkers
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="Wuguokai",
    method="POST",
    url="https://ai-api20.wuguokai.xyz/api/chat-process",
    framing=TextFraming(
        content_types=("*/*",),
        markers=TextMarkers(cut_before="> 若回答失败请重试或多刷新几次界面后重试"),
    ),
    timeouts=Timeouts(connect=3, idle=3),
)


class Wuguokai(AsyncGeneratorProvider):
    """Streams answers from the Wuguokai endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chat.wuguokai.xyz, a prompt answered in plain text after a notice."
    )
    url: ClassVar[str] = "https://chat.wuguokai.xyz"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = None
    models: ClassVar[tuple[str, ...]] = ()

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
        chat_id = random.randint(1, 99999999)
        headers: dict[str, str] = {
            "authority": "ai-api.wuguokai.xyz",
            "accept": "application/json, text/plain, */*",
            "accept-language": "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7",
            "content-type": "application/json",
            "origin": "https://chat.wuguokai.xyz",
            "referer": "https://chat.wuguokai.xyz/",
            "sec-ch-ua": '"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-site",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {
            "prompt": format_prompt(messages),
            "options": {},
            "userId": "#/chat/" + str(chat_id),
            "usingContext": True,
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
