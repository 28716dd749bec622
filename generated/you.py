# Generated from specs/you.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The You streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.youChatToken'
    delta: object = MISSING
    if isinstance(document, dict) and "youChatToken" in document:
        delta = document["youChatToken"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    youChatToken: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.youChatToken'
    delta: object = MISSING
    delta = document.youChatToken
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="You",
    method="GET",
    url="https://you.com/api/streamingSearch?q=${prompt}&domain=youchat&chat=",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        delta_events=frozenset(("youChatToken",)),
        content_types=("*/*",),
    ),
)


class You(AsyncGeneratorProvider):
    """Streams answers from the You endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "you.com's YouChat, the tokens of a streaming search."
    url: ClassVar[str] = "https://you.com"
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
        endpoint_url = (
            "https://you.com/api/streamingSearch?q="
            + quote_query(format_prompt(messages))
            + "&domain=youchat&chat="
        )
        headers: dict[str, str] = {
            "Accept": "text/event-stream",
            "Referer": "https://you.com/search?fromSearchBar=true&tbm=youchat",
        }
        return _ENDPOINT.stream(
            headers,
            None,
            url=endpoint_url,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
