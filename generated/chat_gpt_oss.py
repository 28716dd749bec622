# Generated from specs/chat_gpt_oss.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ChatGptOss streaming provider, generated from its spec."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._values import utf8


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.content'
    delta: object = MISSING
    if isinstance(document, dict) and "content" in document:
        delta = document["content"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    content: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.content'
    delta: object = MISSING
    delta = document.content
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="ChatGptOss",
    method="POST",
    url="https://chat-gpt-oss.com/api/message",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        delta_events=frozenset(("message",)),
        stop_events=frozenset(("summary",)),
        content_types=("*/*",),
    ),
)


class ChatGptOss(AsyncGeneratorProvider):
    """Streams answers from the ChatGptOss endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chat-gpt-oss.com, GPT-OSS-120B and GPT-5-Nano over server-sent events."
    )
    url: ClassVar[str] = "https://chat-gpt-oss.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = False
    default_model: ClassVar[str | None] = "gpt-oss-120b"
    models: ClassVar[tuple[str, ...]] = ("gpt-oss-120b", "gpt-5-nano")

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
        model = model or "gpt-oss-120b"
        now = int(time.time() * 1000)
        noise = "".join(random.choices("0123456789", k=16))
        fingerprint = hashlib.md5(utf8(str(now) + "-0." + noise)).hexdigest()
        content = "\n\n".join(
            [
                {"system": "System: ", "assistant": "Assistant: ", "user": ""}.get(
                    message["role"], message["role"]
                )
                + content_text(message["content"])
                for message in messages
            ]
        )
        headers: dict[str, str] = {
            "accept": "text/event-stream",
            "accept-language": "en-US,en;q=0.9",
            "cache-control": "no-cache",
            "content-type": "application/json",
            "origin": "https://chat-gpt-oss.com",
            "pragma": "no-cache",
            "referer": "https://chat-gpt-oss.com/",
            "sec-ch-ua": '"Chromium";v="148", "Google Chrome";v="148", "Not/A)Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Linux"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36",
            "x-fingerprint": fingerprint,
        }
        body: dict[str, Any] = {
            "conversation_id": None,
            "model": model,
            "content": content,
            "reasoning_effort": "low",
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
