# Generated from specs/white_rabbit_neo.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The WhiteRabbitNeo streaming provider, generated from its spec."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="WhiteRabbitNeo",
    method="POST",
    url="https://www.whiterabbitneo.com/api/chat",
    framing=TextFraming(content_types=("*/*",)),
)


class WhiteRabbitNeo(AsyncGeneratorProvider):
    """Streams answers from the WhiteRabbitNeo endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "whiterabbitneo.com's chat with the caller's cookies; the body is the answer."
    )
    url: ClassVar[str] = "https://www.whiterabbitneo.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
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
        # The www.whiterabbitneo.com cookies as a Cookie header's text.
        cookies: str,
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
        message_id = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=6))
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
            "Accept": "*/*",
            "Accept-Language": "de,en-US;q=0.7,en;q=0.3",
            "Accept-Encoding": "gzip, deflate, br",
            "Referer": cls.url + "/",
            "Content-Type": "text/plain;charset=UTF-8",
            "Origin": cls.url,
            "Connection": "keep-alive",
            "Sec-Fetch-Dest": "empty",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
            "TE": "trailers",
            "Cookie": cookies,
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "id": message_id,
            "enhancePrompt": False,
            "useFunctions": False,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"cookies": cookies},
        )
