# Generated from specs/bing.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Bing streaming provider, generated from its spec."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

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
from ._runtime._messages import Message, content_text, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._websocket import Wait

_create_step = Step(
    provider="Bing",
    name="create",
    method="GET",
    url="https://www.bing.com/turing/conversation/create",
    moves_with_base_url=False,
)


def _conversation_id_path(node: object) -> object:
    # The value at JSONPath '$.conversationId', or MISSING.
    if not isinstance(node, dict) or "conversationId" not in node:
        return MISSING
    node = node["conversationId"]
    return node


def _client_id_path(node: object) -> object:
    # The value at JSONPath '$.clientId', or MISSING.
    if not isinstance(node, dict) or "clientId" not in node:
        return MISSING
    node = node["clientId"]
    return node


def _conversation_signature_path(node: object) -> object:
    # The value at JSONPath '$.conversationSignature', or MISSING.
    if not isinstance(node, dict) or "conversationSignature" not in node:
        return MISSING
    node = node["conversationSignature"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.arguments[0].messages[0].adaptiveCards[0].body[0].text'
    # stop '$.type'
    # filter '$.arguments[0].messages[0].contentOrigin'
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
                        if isinstance(node_4, dict):
                            if "adaptiveCards" in node_4:
                                node_5 = node_4["adaptiveCards"]
                                if isinstance(node_5, list) and len(node_5) > 0:
                                    node_6 = node_5[0]
                                    if isinstance(node_6, dict) and "body" in node_6:
                                        node_7 = node_6["body"]
                                        if isinstance(node_7, list) and len(node_7) > 0:
                                            node_8 = node_7[0]
                                            if isinstance(node_8, dict) and "text" in node_8:
                                                delta = node_8["text"]
                            if "contentOrigin" in node_4:
                                filter = node_4["contentOrigin"]
        if "type" in document:
            stop = document["type"]
        if "item" in document:
            node_9 = document["item"]
            if isinstance(node_9, dict) and "result" in node_9:
                node_10 = node_9["result"]
                if isinstance(node_10, dict) and "error" in node_10:
                    error = node_10["error"]
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, ("DeepLeo",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, 2)


class _Shape1(Shape):
    # The members of '$.arguments[0].messages[0].adaptiveCards[0].body[0]' that the paths read.
    text: object = MISSING


class _Shape2(Shape):
    # The members of '$.arguments[0].messages[0].adaptiveCards[0]' that the paths read.
    body: list[_Shape1] | UnsetType = UNSET


class _Shape3(Shape):
    # The members of '$.arguments[0].messages[0]' that the paths read.
    adaptiveCards: list[_Shape2] | UnsetType = UNSET
    contentOrigin: object = MISSING


class _Shape4(Shape):
    # The members of '$.arguments[0]' that the paths read.
    messages: list[_Shape3] | UnsetType = UNSET


class _Shape5(Shape):
    # The members of '$.item.result' that the paths read.
    error: object = MISSING


class _Shape6(Shape):
    # The members of '$.item' that the paths read.
    result: _Shape5 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    arguments: list[_Shape4] | UnsetType = UNSET
    _member_2: object = member(default=MISSING, name="type")
    item: _Shape6 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.arguments[0].messages[0].adaptiveCards[0].body[0].text'
    # stop '$.type'
    # filter '$.arguments[0].messages[0].contentOrigin'
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
            node_5 = node_4.adaptiveCards
            if node_5 is not UNSET and len(node_5) > 0:
                node_6 = node_5[0]
                node_7 = node_6.body
                if node_7 is not UNSET and len(node_7) > 0:
                    node_8 = node_7[0]
                    delta = node_8.text
            filter = node_4.contentOrigin
    stop = document._member_2
    node_9 = document.item
    if node_9 is not UNSET:
        node_10 = node_9.result
        if node_10 is not UNSET:
            error = node_10.error
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, ("DeepLeo",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, 2)


_ENDPOINT = Endpoint(
    provider="Bing",
    method="GET",
    url="wss://sydney.bing.com/sydney/ChatHub",
    framing=WebSocketFraming(
        rules=DocumentRules(
            walk=_read_document,
            shape=_Document,
            shape_walk=_read_shape,
            has_stop=True,
            cumulative="restart",
        ),
        separator="\x1e",
    ),
    timeouts=Timeouts(idle=900, total=900),
)


class Bing(AsyncGeneratorProvider):
    """Streams answers from the Bing endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Bing Chat (Sydney), a conversation, then the SignalR hub over a WebSocket."
    )
    url: ClassVar[str] = "https://bing.com/chat"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
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
        # Creative, Balanced or Precise.
        tone: str = "Creative",
        # The Cookie header of every request (a signed-in _U cookie, say).
        cookies: str = 'KievRPSSecAuth=""; PPLState=1; SRCHD="AF=NOFORM"; SRCHHPGUSR=""; SRCHUSR=""; SUID=""',
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
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"cookies": cookies},
        )
        return call.answer(lambda: cls._exchanges(call, model, messages, tone, cookies))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        tone: str,
        cookies: str,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step create, then the WebSocket: the call's exchanges, in order."""
        ip_2 = random.randint(104, 107)
        ip_3 = random.randint(0, 255)
        ip_4 = random.randint(0, 255)
        forwarded_for = "13." + str(ip_2) + "." + str(ip_3) + "." + str(ip_4)
        trace_id = "".join(random.choices("0123456789abcdef", k=32))
        question = last_message(messages)
        context = [
            {
                "author": "user",
                "description": "["
                + message["role"]
                + "](#message)\n"
                + content_text(message["content"])
                + "\n\n",
                "contextType": "WebPage",
                "messageType": "Context",
                "messageId": "discover-web--page-ping-mriduna-----",
            }
            for message in messages[:-1]
        ]
        answer = await call.fetch(
            _create_step,
            {
                "accept": "*/*",
                "accept-language": "en-US,en;q=0.9",
                "cache-control": "max-age=0",
                "sec-ch-ua": '"Chromium";v="110", "Not A(Brand";v="24", "Microsoft Edge";v="110"',
                "sec-ch-ua-arch": '"x86"',
                "sec-ch-ua-bitness": '"64"',
                "sec-ch-ua-full-version": '"110.0.1587.69"',
                "sec-ch-ua-full-version-list": '"Chromium";v="110.0.5481.192", "Not A(Brand";v="24.0.0.0", "Microsoft Edge";v="110.0.1587.69"',
                "sec-ch-ua-mobile": "?0",
                "sec-ch-ua-model": '""',
                "sec-ch-ua-platform": '"Windows"',
                "sec-ch-ua-platform-version": '"15.0.0"',
                "sec-fetch-dest": "document",
                "sec-fetch-mode": "navigate",
                "sec-fetch-site": "none",
                "sec-fetch-user": "?1",
                "upgrade-insecure-requests": "1",
                "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Safari/537.36 Edg/110.0.1587.69",
                "x-edge-shopping-flag": "1",
                "x-forwarded-for": forwarded_for,
                "Cookie": cookies,
            },
            None,
        )
        conversation_id = answer.json_value(
            "conversation_id", "$.conversationId", _conversation_id_path(answer.json())
        )
        client_id = answer.json_value("client_id", "$.clientId", _client_id_path(answer.json()))
        conversation_signature = answer.json_value(
            "conversation_signature",
            "$.conversationSignature",
            _conversation_signature_path(answer.json()),
        )
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-language": "en-US,en;q=0.9",
            "cache-control": "max-age=0",
            "sec-ch-ua": '"Chromium";v="110", "Not A(Brand";v="24", "Microsoft Edge";v="110"',
            "sec-ch-ua-arch": '"x86"',
            "sec-ch-ua-bitness": '"64"',
            "sec-ch-ua-full-version": '"110.0.1587.69"',
            "sec-ch-ua-full-version-list": '"Chromium";v="110.0.5481.192", "Not A(Brand";v="24.0.0.0", "Microsoft Edge";v="110.0.1587.69"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-model": '""',
            "sec-ch-ua-platform": '"Windows"',
            "sec-ch-ua-platform-version": '"15.0.0"',
            "sec-fetch-dest": "document",
            "sec-fetch-mode": "navigate",
            "sec-fetch-site": "none",
            "sec-fetch-user": "?1",
            "upgrade-insecure-requests": "1",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Safari/537.36 Edg/110.0.1587.69",
            "x-edge-shopping-flag": "1",
            "x-forwarded-for": forwarded_for,
            "Cookie": cookies,
        }
        async for items in call.websocket(
            _ENDPOINT,
            headers,
            (
                '{"protocol": "json", "version": 1}',
                Wait(1),
                json.dumps(
                    {
                        "arguments": [
                            {
                                "optionsSets": [
                                    "saharasugg",
                                    "enablenewsfc",
                                    "clgalileo",
                                    "gencontentv3",
                                    "nlu_direct_response_filter",
                                    "deepleo",
                                    "disable_emoji_spoken_text",
                                    "responsible_ai_policy_235",
                                    "enablemm",
                                    "h3precisedtappid",
                                    "cricinfo",
                                    "cricinfov2",
                                    "dv3sugg",
                                    "nojbfedge",
                                ],
                                "source": "cib",
                                "allowedMessageTypes": [
                                    "Chat",
                                    "Disengaged",
                                    "AdsQuery",
                                    "SemanticSerp",
                                    "GenerateContentQuery",
                                    "SearchQuery",
                                    "ActionRequest",
                                    "Context",
                                    "Progress",
                                    "AdsQuery",
                                    "SemanticSerp",
                                ],
                                "sliceIds": [
                                    "winmuid3tf",
                                    "osbsdusgreccf",
                                    "ttstmout",
                                    "crchatrev",
                                    "winlongmsgtf",
                                    "ctrlworkpay",
                                    "norespwtf",
                                    "tempcacheread",
                                    "temptacache",
                                    "505scss0",
                                    "508jbcars0",
                                    "515enbotdets0",
                                    "5082tsports",
                                    "515vaoprvs",
                                    "424dagslnv1s0",
                                    "kcimgattcf",
                                    "427startpms0",
                                ],
                                "traceId": trace_id,
                                "isStartOfSession": True,
                                "message": {
                                    "locale": "en-US",
                                    "market": "en-US",
                                    "region": "US",
                                    "locationHints": [
                                        {
                                            "country": "United States",
                                            "state": "California",
                                            "city": "Los Angeles",
                                            "timezoneoffset": 8,
                                            "countryConfidence": 8,
                                            "Center": {
                                                "Latitude": 34.0536909,
                                                "Longitude": -118.242766,
                                            },
                                            "RegionType": 2,
                                            "SourceType": 1,
                                        }
                                    ],
                                    "author": "user",
                                    "inputMethod": "Keyboard",
                                    "text": question,
                                    "messageType": "Chat",
                                },
                                "tone": tone,
                                "conversationSignature": conversation_signature,
                                "participant": {"id": client_id},
                                "conversationId": conversation_id,
                                "previousMessages": context,
                            }
                        ],
                        "invocationId": "0",
                        "target": "chat",
                        "type": 4,
                    }
                ),
            ),
        ):
            yield items
