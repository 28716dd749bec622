# Generated from specs/hugging_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The HuggingChat streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    DocumentRules,
    NDJSONFraming,
    Shape,
    json_equals,
    json_one_of,
    member,
)
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path

_conversation_step = Step(
    provider="HuggingChat",
    name="conversation",
    method="POST",
    url="https://huggingface.co/chat/conversation",
)


def _conversation_id_path(node: object) -> object:
    # The value at JSONPath '$.conversationId', or MISSING.
    if not isinstance(node, dict) or "conversationId" not in node:
        return MISSING
    node = node["conversationId"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.token'
    # stop '$.type'
    # filter '$.type'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict):
        if "token" in document:
            delta = document["token"]
        if "type" in document:
            node_1 = document["type"]
            stop = node_1
            filter = node_1
    counts = json_one_of(filter, ("stream",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, "finalAnswer")


class _Document(Shape):
    # The members of '$' that the paths read.
    token: object = MISSING
    _member_2: object = member(default=MISSING, name="type")


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.token'
    # stop '$.type'
    # filter '$.type'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    delta = document.token
    node_1 = document._member_2
    stop = node_1
    filter = node_1
    counts = json_one_of(filter, ("stream",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, "finalAnswer")


_ENDPOINT = Endpoint(
    provider="HuggingChat",
    method="POST",
    url="https://huggingface.co/chat/conversation/${conversation_id}",
    framing=NDJSONFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        content_types=("*/*",),
    ),
)


class HuggingChat(AsyncGeneratorProvider):
    """Streams answers from the HuggingChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "huggingface.co/chat with the caller's cookies, chat-ui's streamed updates."
    )
    url: ClassVar[str] = "https://huggingface.co/chat"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "meta-llama/Llama-2-70b-chat-hf"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The huggingface.co cookies as a Cookie header's text, "hf-chat=...".
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
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"cookies": cookies},
        )
        return call.answer(lambda: cls._exchanges(call, model, messages, cookies))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        cookies: str,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step conversation, then the streamed request: the call's exchanges, in order."""
        model = model or "meta-llama/Llama-2-70b-chat-hf"
        message_id = str(uuid.uuid4())
        response_id = str(uuid.uuid4())
        answer = await call.fetch(
            _conversation_step,
            {
                "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
                "Cookie": cookies,
            },
            {"model": model},
        )
        conversation_id = answer.json_value(
            "conversation_id", "$.conversationId", _conversation_id_path(answer.json())
        )
        endpoint_url = "https://huggingface.co/chat/conversation/" + quote_path(conversation_id)
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
            "Cookie": cookies,
        }
        body: dict[str, Any] = {
            "id": message_id,
            "inputs": format_prompt(messages),
            "is_retry": False,
            "response_id": response_id,
            "web_search": False,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
            url=endpoint_url,
        ):
            yield items
