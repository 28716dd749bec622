# Generated from tests/generator/golden/specs/websocket_v3.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Socket streaming provider, generated from its spec."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    Shape,
    UnsetType,
    WebSocketFraming,
    json_equals,
    json_one_of,
    member,
)
from ._runtime._messages import Message, last_user_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query
from ._runtime._websocket import Wait

_create_step = Step(
    provider="Socket",
    name="create",
    method="GET",
    url="https://socket.example/conversation/create",
    moves_with_base_url=False,
)


def _conversation_id_path(node: object) -> object:
    # The value at JSONPath '$.conversationId', or MISSING.
    if not isinstance(node, dict) or "conversationId" not in node:
        return MISSING
    node = node["conversationId"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.arguments[0].messages[0].text'
    # stop '$.type'
    # filter '$.type'
    # error '$.item.result.error'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "arguments" in document:
            node_1 = document["arguments"]
            if isinstance(node_1, list) and len(node_1) > 0:
                node_2 = node_1[0]
                if isinstance(node_2, dict) and "messages" in node_2:
                    node_3 = node_2["messages"]
                    if isinstance(node_3, list) and len(node_3) > 0:
                        node_4 = node_3[0]
                        if isinstance(node_4, dict) and "text" in node_4:
                            delta = node_4["text"]
        if "type" in document:
            node_5 = document["type"]
            stop = node_5
            filter = node_5
        if "item" in document:
            node_6 = document["item"]
            if isinstance(node_6, dict) and "result" in node_6:
                node_7 = node_6["result"]
                if isinstance(node_7, dict) and "error" in node_7:
                    error = node_7["error"]
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, (1,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, 2)


class _Shape1(Shape):
    # The members of '$.arguments[0].messages[0]' that the paths read.
    text: object = MISSING


class _Shape2(Shape):
    # The members of '$.arguments[0]' that the paths read.
    messages: list[_Shape1] | UnsetType = UNSET


class _Shape3(Shape):
    # The members of '$.item.result' that the paths read.
    error: object = MISSING


class _Shape4(Shape):
    # The members of '$.item' that the paths read.
    result: _Shape3 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    arguments: list[_Shape2] | UnsetType = UNSET
    _member_2: object = member(default=MISSING, name="type")
    item: _Shape4 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.arguments[0].messages[0].text'
    # stop '$.type'
    # filter '$.type'
    # error '$.item.result.error'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    node_1 = document.arguments
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.messages
        if node_3 is not UNSET and len(node_3) > 0:
            node_4 = node_3[0]
            delta = node_4.text
    node_5 = document._member_2
    stop = node_5
    filter = node_5
    node_6 = document.item
    if node_6 is not UNSET:
        node_7 = node_6.result
        if node_7 is not UNSET:
            error = node_7.error
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, (1,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, 2)


_ENDPOINT = Endpoint(
    provider="Socket",
    method="GET",
    url="wss://hub.socket.example/chat?id=${conversation_id}",
    framing=WebSocketFraming(
        rules=DocumentRules(
            walk=_read_document,
            shape=_Document,
            shape_walk=_read_shape,
            has_stop=True,
            cumulative="error",
        ),
        separator="\x1e",
        replies={'{"type":6}': '{"type":6}'},
    ),
)


class Socket(AsyncGeneratorProvider):
    """Streams answers from the Socket endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "https://socket.example"
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
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
        return call.answer(lambda: cls._exchanges(call, model, messages))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step create, then the WebSocket: the call's exchanges, in order."""
        answer = await call.fetch(_create_step, {}, None)
        conversation_id = answer.json_value(
            "conversation_id", "$.conversationId", _conversation_id_path(answer.json())
        )
        signature = answer.header("signature", "X-Signature")
        endpoint_url = "wss://hub.socket.example/chat?id=" + quote_query(conversation_id)
        headers: dict[str, str] = {
            "X-Signature": signature,
        }
        async for items in call.websocket(
            _ENDPOINT,
            headers,
            (
                '{"protocol":"json","version":1}',
                Wait(1),
                json.dumps(
                    {
                        "type": 4,
                        "arguments": [
                            {
                                "conversationId": conversation_id,
                                "message": last_user_message(messages),
                            }
                        ],
                    }
                ),
            ),
            url=endpoint_url,
        ):
            yield items
