# Generated from specs/open_assistant.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OpenAssistant streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming, json_one_of
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query

_chat_step = Step(
    provider="OpenAssistant", name="chat", method="POST", url="https://open-assistant.io/api/chat"
)


def _chat_id_path(node: object) -> object:
    # The value at JSONPath '$.id', or MISSING.
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


_prompter_message_step = Step(
    provider="OpenAssistant",
    name="prompter_message",
    method="POST",
    url="https://open-assistant.io/api/chat/prompter_message",
)


def _parent_id_path(node: object) -> object:
    # The value at JSONPath '$.id', or MISSING.
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


_assistant_message_step = Step(
    provider="OpenAssistant",
    name="assistant_message",
    method="POST",
    url="https://open-assistant.io/api/chat/assistant_message",
)


def _message_id_path(node: object) -> object:
    # The value at JSONPath '$.id', or MISSING.
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    # filter '$.event_type'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict):
        if "text" in document:
            delta = document["text"]
        if "event_type" in document:
            filter = document["event_type"]
    counts = json_one_of(filter, ("token",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING
    event_type: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    # filter '$.event_type'
    delta: object = MISSING
    filter: object = MISSING
    delta = document.text
    filter = document.event_type
    counts = json_one_of(filter, ("token",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="OpenAssistant",
    method="POST",
    url="https://open-assistant.io/api/chat/events?chat_id=${chat_id}&message_id=${message_id}",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class OpenAssistant(AsyncGeneratorProvider):
    """Streams answers from the OpenAssistant endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "open-assistant.io's chat with a signed-in session, tokens as SSE."
    url: ClassVar[str] = "https://open-assistant.io/chat"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "OA_SFT_Llama_30B_6"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The Cookie header of a signed-in open-assistant.io session.
        cookie: str,
        temperature: float = 0.35,
        top_k: int = 50,
        repetition_penalty: float = 1.1111111111111112,
        max_new_tokens: int = 1024,
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
            secret_values={"cookie": cookie},
        )
        return call.answer(
            lambda: cls._exchanges(
                call,
                model,
                messages,
                cookie,
                temperature,
                top_k,
                repetition_penalty,
                max_new_tokens,
            )
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        cookie: str,
        temperature: float,
        top_k: int,
        repetition_penalty: float,
        max_new_tokens: int,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Steps chat, prompter_message, assistant_message, then the streamed request: the call's
        exchanges, in order.
        """
        model = model or "OA_SFT_Llama_30B_6"
        answer = await call.fetch(
            _chat_step,
            {
                "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
                "Cookie": cookie,
            },
            None,
        )
        chat_id = answer.json_value("chat_id", "$.id", _chat_id_path(answer.json()))
        answer = await call.fetch(
            _prompter_message_step,
            {
                "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
                "Cookie": cookie,
            },
            {
                "chat_id": chat_id,
                "content": "<s>[INST]\n" + format_prompt(messages) + "\n[/INST]",
                "parent_id": None,
            },
        )
        parent_id = answer.json_value("parent_id", "$.id", _parent_id_path(answer.json()))
        answer = await call.fetch(
            _assistant_message_step,
            {
                "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
                "Cookie": cookie,
            },
            {
                "chat_id": chat_id,
                "parent_id": parent_id,
                "model_config_name": model,
                "sampling_parameters": {
                    "top_k": top_k,
                    "top_p": None,
                    "typical_p": None,
                    "temperature": temperature,
                    "repetition_penalty": repetition_penalty,
                    "max_new_tokens": max_new_tokens,
                },
                "plugins": [],
            },
        )
        message_id = answer.json_value("message_id", "$.id", _message_id_path(answer.json()))
        endpoint_url = (
            "https://open-assistant.io/api/chat/events?chat_id="
            + quote_query(chat_id)
            + "&message_id="
            + quote_query(message_id)
        )
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
            "Cookie": cookie,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            None,
            url=endpoint_url,
        ):
            yield items
