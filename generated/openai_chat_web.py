# Generated from specs/openai_chat_web.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OpenaiChatWeb streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

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
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message.content.parts[0]'
    # filter '$.message.metadata.message_type'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict) and "message" in document:
        node_1 = document["message"]
        if isinstance(node_1, dict):
            if "content" in node_1:
                node_2 = node_1["content"]
                if isinstance(node_2, dict) and "parts" in node_2:
                    node_3 = node_2["parts"]
                    if isinstance(node_3, list) and len(node_3) > 0:
                        delta = node_3[0]
            if "metadata" in node_1:
                node_4 = node_1["metadata"]
                if isinstance(node_4, dict) and "message_type" in node_4:
                    filter = node_4["message_type"]
    counts = json_one_of(filter, ("next",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.message.content' that the paths read.
    parts: list[object] | UnsetType = UNSET


class _Shape2(Shape):
    # The members of '$.message.metadata' that the paths read.
    message_type: object = MISSING


class _Shape3(Shape):
    # The members of '$.message' that the paths read.
    content: _Shape1 | UnsetType = UNSET
    metadata: _Shape2 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    message: _Shape3 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message.content.parts[0]'
    # filter '$.message.metadata.message_type'
    delta: object = MISSING
    filter: object = MISSING
    node_1 = document.message
    if node_1 is not UNSET:
        node_2 = node_1.content
        if node_2 is not UNSET:
            node_3 = node_2.parts
            if node_3 is not UNSET and len(node_3) > 0:
                node_4 = node_3[0]
                delta = node_4
        node_5 = node_1.metadata
        if node_5 is not UNSET:
            filter = node_5.message_type
    counts = json_one_of(filter, ("next",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="OpenaiChatWeb",
    method="POST",
    url="https://chat.openai.com/backend-api/conversation",
    framing=SSEFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, cumulative="restart"
        ),
        delta_events=frozenset(("message",)),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class OpenaiChatWeb(AsyncGeneratorProvider):
    """Streams answers from the OpenaiChatWeb endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chat.openai.com's web backend (2023), with a browser session's access token."
    )
    url: ClassVar[str] = "https://chat.openai.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
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
        # The accessToken of a signed-in ChatGPT session (https://chat.openai.com/api/auth/session).
        access_token: str,
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
            "Accept": "text/event-stream",
            "Authorization": "Bearer " + access_token,
        }
        body: dict[str, Any] = {
            "action": "next",
            "messages": [
                {
                    "id": str(uuid.uuid4()),
                    "author": {"role": "user"},
                    "content": {"content_type": "text", "parts": [format_prompt(messages)]},
                }
            ],
            "conversation_id": None,
            "parent_message_id": str(uuid.uuid4()),
            "model": "text-davinci-002-render-sha",
            "history_and_training_disabled": True,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"access_token": access_token},
        )
