# Generated from specs/giga_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The GigaChat streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, text_of
from ._runtime._stream import StreamItem, TextStream

_oauth_step = Step(
    provider="GigaChat",
    name="oauth",
    method="POST",
    url="https://ngw.devices.sberbank.ru:9443/api/v2/oauth",
    body_format="form",
    moves_with_base_url=False,
)


def _access_token_path(node: object) -> object:
    # The value at JSONPath '$.access_token', or MISSING.
    if not isinstance(node, dict) or "access_token" not in node:
        return MISSING
    node = node["access_token"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # finish_reason '$.choices[0].finish_reason'
    delta: object = MISSING
    finish_reason: object = MISSING
    if isinstance(document, dict) and "choices" in document:
        node_1 = document["choices"]
        if isinstance(node_1, list) and len(node_1) > 0:
            node_2 = node_1[0]
            if isinstance(node_2, dict):
                if "delta" in node_2:
                    node_3 = node_2["delta"]
                    if isinstance(node_3, dict) and "content" in node_3:
                        delta = node_3["content"]
                if "finish_reason" in node_2:
                    finish_reason = node_2["finish_reason"]
    if type(delta) is str and delta:
        items.append(delta)
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


class _Shape1(Shape):
    # The members of '$.choices[0].delta' that the paths read.
    content: object = MISSING


class _Shape2(Shape):
    # The members of '$.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET
    finish_reason: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # finish_reason '$.choices[0].finish_reason'
    delta: object = MISSING
    finish_reason: object = MISSING
    node_1 = document.choices
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.delta
        if node_3 is not UNSET:
            delta = node_3.content
        finish_reason = node_2.finish_reason
    if type(delta) is str and delta:
        items.append(delta)
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="GigaChat",
    method="POST",
    url="https://gigachat.devices.sberbank.ru/api/v1/chat/completions",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class GigaChat(AsyncGeneratorProvider):
    """Streams answers from the GigaChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Sber's GigaChat API, an OAuth token for the caller's key, then OpenAI-like events."
    )
    url: ClassVar[str] = "https://developers.sber.ru/gigachat"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "GigaChat"
    models: ClassVar[tuple[str, ...]] = (
        "GigaChat-2",
        "GigaChat-2-Pro",
        "GigaChat-2-Max",
        "GigaChat",
        "GigaChat-Pro",
        "GigaChat-Max",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The caller's GigaChat authorization key.
        api_key: str,
        # The OAuth scope.
        scope: str = "GIGACHAT_API_PERS",
        # Seconds between the server's chunks.
        update_interval: float = 0,
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
        Other keyword arguments are merged into the top level of the JSON body.
        """
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"api_key": api_key},
        )
        return call.answer(
            lambda: cls._exchanges(call, model, messages, api_key, scope, update_interval, kwargs)
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        api_key: str,
        scope: str,
        update_interval: float,
        kwargs: dict[str, Any],
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step oauth, then the streamed request: the call's exchanges, in order."""
        model = model or "GigaChat"
        rq_uid = str(uuid.uuid4())
        answer = await call.fetch(
            _oauth_step,
            {
                "Authorization": "Bearer " + api_key,
                "RqUID": rq_uid,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            {"scope": scope},
        )
        access_token = answer.json_value(
            "access_token", "$.access_token", _access_token_path(answer.json())
        )
        headers: dict[str, str] = {
            "Authorization": "Bearer " + text_of(access_token),
        }
        body: dict[str, Any] = {
            "model": model,
            "messages": list(messages),
            "stream": True,
            "update_interval": update_interval,
            **kwargs,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
