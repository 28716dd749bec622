# Generated from specs/quillbot.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Quillbot streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, NDJSONFraming, Shape, json_one_of, member
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.content'
    # filter '$.type'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict):
        if "content" in document:
            delta = document["content"]
        if "type" in document:
            filter = document["type"]
    counts = json_one_of(filter, ("content",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    content: object = MISSING
    _member_2: object = member(default=MISSING, name="type")


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.content'
    # filter '$.type'
    delta: object = MISSING
    filter: object = MISSING
    delta = document.content
    filter = document._member_2
    counts = json_one_of(filter, ("content",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Quillbot",
    method="POST",
    url="https://quillbot.com/api/ai-chat/chat/conversation/${conversation_id}",
    framing=NDJSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class Quillbot(AsyncGeneratorProvider):
    """Streams answers from the Quillbot endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "quillbot.com's AI chat, JSON lines on a fresh conversation."
    url: ClassVar[str] = "https://quillbot.com/ai-chat"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "quillbot"
    models: ClassVar[tuple[str, ...]] = ("quillbot",)

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
        conversation_id = str(uuid.uuid4())
        endpoint_url = "https://quillbot.com/api/ai-chat/chat/conversation/" + quote_path(
            conversation_id
        )
        headers: dict[str, str] = {
            "accept": "text/event-stream",
            "accept-language": "en-US,en;q=0.9",
            "content-type": "application/json",
            "origin": "https://quillbot.com",
            "platform-type": "webapp",
            "priority": "u=1, i",
            "qb-product": "AI-CHAT",
            "referer": "https://quillbot.com/ai-chat/c/" + conversation_id,
            "sec-ch-ua": '"Chromium";v="148", "Google Chrome";v="148", "Not/A)Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Linux"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36",
            "useridtoken": "empty-token",
            "webapp-version": "42.61.1",
        }
        body: dict[str, Any] = {
            "message": {"content": format_prompt(messages) + "\n\n"},
            "context": {
                "editorContext": "",
                "selectionContext": "",
                "userDialect": "en-us",
                "apiVersion": 2,
            },
            "origin": {"name": "ai-chat.chat", "url": "https://quillbot.com"},
        }
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
