# Generated from specs/h2o.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The H2o streaming provider, generated from its spec."""

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
    UNSET,
    DocumentRules,
    Shape,
    SSEFraming,
    UnsetType,
    json_one_of,
)
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path

_settings_step = Step(
    provider="H2o",
    name="settings",
    method="POST",
    url="https://gpt-gm.h2o.ai/settings",
    body_format="form",
    redirect_answers=True,
)


_conversation_step = Step(
    provider="H2o", name="conversation", method="POST", url="https://gpt-gm.h2o.ai/conversation"
)


def _conversation_id_path(node: object) -> object:
    # The value at JSONPath '$.conversationId', or MISSING.
    if not isinstance(node, dict) or "conversationId" not in node:
        return MISSING
    node = node["conversationId"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.token.text'
    # filter '$.token.special'
    # error '$.error'
    delta: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "token" in document:
            node_1 = document["token"]
            if isinstance(node_1, dict):
                if "text" in node_1:
                    delta = node_1["text"]
                if "special" in node_1:
                    filter = node_1["special"]
        if "error" in document:
            error = document["error"]
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, (False,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.token' that the paths read.
    text: object = MISSING
    special: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    token: _Shape1 | UnsetType = UNSET
    error: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.token.text'
    # filter '$.token.special'
    # error '$.error'
    delta: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    node_1 = document.token
    if node_1 is not UNSET:
        delta = node_1.text
        filter = node_1.special
    error = document.error
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, (False,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="H2o",
    method="POST",
    url="https://gpt-gm.h2o.ai/conversation/${conversation_id}",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class H2o(AsyncGeneratorProvider):
    """Streams answers from the H2o endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "gpt-gm.h2o.ai (chat-ui), settings accepted, a conversation, TGI's streamed tokens."
    )
    url: ClassVar[str] = "https://gpt-gm.h2o.ai"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "h2oai/h2ogpt-gm-oasst1-en-2048-falcon-40b-v1"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature.
        temperature: float = 0.4,
        # Input tokens kept (from the end).
        truncate: int = 2048,
        # Most tokens generated.
        max_new_tokens: int = 1024,
        # Sample rather than decode greedily.
        do_sample: bool = True,
        # Penalty of repeated tokens.
        repetition_penalty: float = 1.2,
        # Answer with the prompt too.
        return_full_text: bool = False,
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
        )
        return call.answer(
            lambda: cls._exchanges(
                call,
                model,
                messages,
                temperature,
                truncate,
                max_new_tokens,
                do_sample,
                repetition_penalty,
                return_full_text,
            )
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        temperature: float,
        truncate: int,
        max_new_tokens: int,
        do_sample: bool,
        repetition_penalty: float,
        return_full_text: bool,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Steps settings, conversation, then the streamed request: the call's exchanges, in order."""
        model = model or "h2oai/h2ogpt-gm-oasst1-en-2048-falcon-40b-v1"
        message_id = str(uuid.uuid4())
        response_id = str(uuid.uuid4())
        await call.fetch(
            _settings_step,
            {"Referer": cls.url + "/"},
            {
                "ethicsModalAccepted": "true",
                "shareConversationsWithModelAuthors": "true",
                "ethicsModalAcceptedAt": "",
                "activeModel": model,
                "searchEnabled": "true",
            },
        )
        answer = await call.fetch(_conversation_step, {"Referer": cls.url + "/"}, {"model": model})
        conversation_id = answer.json_value(
            "conversation_id", "$.conversationId", _conversation_id_path(answer.json())
        )
        endpoint_url = "https://gpt-gm.h2o.ai/conversation/" + quote_path(conversation_id)
        headers: dict[str, str] = {
            "Referer": cls.url + "/",
        }
        body: dict[str, Any] = {
            "inputs": format_prompt(messages),
            "parameters": {
                "temperature": temperature,
                "truncate": truncate,
                "max_new_tokens": max_new_tokens,
                "do_sample": do_sample,
                "repetition_penalty": repetition_penalty,
                "return_full_text": return_full_text,
            },
            "stream": True,
            "options": {
                "id": message_id,
                "response_id": response_id,
                "is_retry": False,
                "use_cache": False,
                "web_search_id": "",
            },
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
            url=endpoint_url,
        ):
            yield items
