# Generated from specs/v50.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The V50 streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming, TextMarkers
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="V50",
    method="POST",
    url="https://p5.v50.ltd/api/chat-process",
    framing=TextFraming(
        content_types=("*/*",), markers=TextMarkers(errors=("https://fk1.v50.ltd",))
    ),
)


class V50(AsyncGeneratorProvider):
    """Streams answers from the V50 endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "p5.v50.ltd, a prompt of role: content lines answered in plain text."
    )
    url: ClassVar[str] = "https://p5.v50.ltd"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = False
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
        temperature: float = 0.4,
        top_p: float = 0.4,
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
        conversation = (
            "\n".join(
                [message["role"] + ": " + content_text(message["content"]) for message in messages]
            )
            + "\nassistant: "
        )
        user = str(uuid.uuid4())
        headers: dict[str, str] = {
            "authority": "p5.v50.ltd",
            "accept": "application/json, text/plain, */*",
            "accept-language": "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7",
            "content-type": "application/json",
            "origin": "https://p5.v50.ltd",
            "referer": "https://p5.v50.ltd/",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {
            "prompt": conversation,
            "options": {},
            "systemMessage": ".",
            "temperature": temperature,
            "top_p": top_p,
            "model": model,
            "user": user,
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
