# Generated from specs/aichat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Aichat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, JSONFraming, Shape, json_one_of
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message'
    # filter '$.response'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict):
        if "message" in document:
            delta = document["message"]
        if "response" in document:
            filter = document["response"]
    counts = json_one_of(filter, (True,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    message: object = MISSING
    response: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message'
    # filter '$.response'
    delta: object = MISSING
    filter: object = MISSING
    delta = document.message
    filter = document.response
    counts = json_one_of(filter, (True,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Aichat",
    method="POST",
    url="https://chat-gpt.org/api/text",
    framing=JSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("application/json",),
    ),
)


class Aichat(AsyncGeneratorProvider):
    """Streams answers from the Aichat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "chat-gpt.org, a prompt string answered in one JSON document."
    url: ClassVar[str] = "https://chat-gpt.org/chat"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = False
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature.
        temperature: float = 0.5,
        # Nucleus sampling.
        top_p: float = 1,
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
            "authority": "chat-gpt.org",
            "accept": "*/*",
            "cache-control": "no-cache",
            "content-type": "application/json",
            "origin": "https://chat-gpt.org",
            "pragma": "no-cache",
            "referer": "https://chat-gpt.org/chat",
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"macOS"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/113.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {
            "message": format_prompt(messages),
            "temperature": temperature,
            "presence_penalty": 0,
            "top_p": top_p,
            "frequency_penalty": 0,
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
