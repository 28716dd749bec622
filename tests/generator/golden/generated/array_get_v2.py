# Generated from tests/generator/golden/specs/array_get_v2.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ArrayGetV2 streaming provider, generated from its spec."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, JSONArrayFraming, Shape, json_equals
from ._runtime._messages import Message, last_user_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    # stop '$.done'
    delta: object = MISSING
    stop: object = MISSING
    if isinstance(document, dict):
        if "text" in document:
            delta = document["text"]
        if "done" in document:
            stop = document["done"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING
    done: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    # stop '$.done'
    delta: object = MISSING
    stop: object = MISSING
    delta = document.text
    stop = document.done
    if type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


_ENDPOINT = Endpoint(
    provider="ArrayGetV2",
    method="GET",
    url="https://api.array.example/stream?q=${last_user_message}&at=${timestamp}",
    framing=JSONArrayFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        content_types=("application/json",),
    ),
)


class ArrayGetV2(AsyncGeneratorProvider):
    """Streams answers from the ArrayGetV2 endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "https://array.example"
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
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        endpoint_url = (
            "https://api.array.example/stream?q="
            + quote_query(last_user_message(messages))
            + "&at="
            + quote_query(int(time.time()))
        )
        headers: dict[str, str] = {}
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
