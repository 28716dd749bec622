# Generated from specs/chatgpt_duo.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ChatgptDuo streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, JSONFraming, Shape
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.answer'
    delta: object = MISSING
    if isinstance(document, dict) and "answer" in document:
        delta = document["answer"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    answer: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.answer'
    delta: object = MISSING
    delta = document.answer
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="ChatgptDuo",
    method="POST",
    url="https://chatgptduo.com/",
    framing=JSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
    body_format="form",
)


class ChatgptDuo(AsyncGeneratorProvider):
    """Streams answers from the ChatgptDuo endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chatgptduo.com, a prompt with a web search, the answer as one JSON document."
    )
    url: ClassVar[str] = "https://chatgptduo.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = False
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
        prompt_tuple = "('" + format_prompt(messages) + "',)"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"prompt": prompt_tuple, "search": prompt_tuple, "purpose": "ask"}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
