# Generated from tests/generator/golden/specs/plain_lines.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The PlainLines streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    NDJSONFraming,
    Shape,
    UnsetType,
    json_equals,
)
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "message" in document:
            node_1 = document["message"]
            if isinstance(node_1, dict) and "content" in node_1:
                delta = node_1["content"]
        if "done" in document:
            stop = document["done"]
        if "error" in document:
            error = document["error"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


class _Shape1(Shape):
    # The members of '$.message' that the paths read.
    content: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    message: _Shape1 | UnsetType = UNSET
    done: object = MISSING
    error: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    error: object = MISSING
    node_1 = document.message
    if node_1 is not UNSET:
        delta = node_1.content
    stop = document.done
    error = document.error
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


_ENDPOINT = Endpoint(
    provider="PlainLines",
    method="POST",
    url="http://127.0.0.1:11434/api/chat",
    framing=NDJSONFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        content_types=("application/x-ndjson",),
    ),
)


class PlainLines(AsyncGeneratorProvider):
    """Streams answers from the PlainLines endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "http://127.0.0.1:11434"
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
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are accepted and ignored.
        """
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"messages": list(messages)}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
