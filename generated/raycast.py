# Generated from specs/raycast.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Raycast streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    if isinstance(document, dict) and "text" in document:
        delta = document["text"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    delta = document.text
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Raycast",
    method="POST",
    url="https://backend.raycast.com/api/v1/ai/chat_completions",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class Raycast(AsyncGeneratorProvider):
    """Streams answers from the Raycast endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "backend.raycast.com's AI chat, with the caller's Raycast token."
    url: ClassVar[str] = "https://raycast.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = None
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The caller's Raycast API token.
        auth: str,
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
        headers: dict[str, str] = {
            "Accept": "application/json",
            "Accept-Language": "en-US,en;q=0.9",
            "Authorization": "Bearer " + auth,
            "Content-Type": "application/json",
            "User-Agent": "Raycast/0 CFNetwork/1410.0.3 Darwin/22.6.0",
        }
        body: dict[str, Any] = {
            "debug": False,
            "locale": "en-CN",
            "messages": [
                {"author": message["role"], "content": {"text": content_text(message["content"])}}
                for message in messages
            ],
            "model": model,
            "provider": "openai",
            "source": "ai_chat",
            "system_instruction": "markdown",
            "temperature": 0.5,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"auth": auth},
        )
