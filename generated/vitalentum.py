# Generated from specs/vitalentum.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Vitalentum streaming provider, generated from its spec."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    delta: object = MISSING
    if isinstance(document, dict) and "choices" in document:
        node_1 = document["choices"]
        if isinstance(node_1, list) and len(node_1) > 0:
            node_2 = node_1[0]
            if isinstance(node_2, dict) and "delta" in node_2:
                node_3 = node_2["delta"]
                if isinstance(node_3, dict) and "content" in node_3:
                    delta = node_3["content"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.choices[0].delta' that the paths read.
    content: object = MISSING


class _Shape2(Shape):
    # The members of '$.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    delta: object = MISSING
    node_1 = document.choices
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.delta
        if node_3 is not UNSET:
            delta = node_3.content
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Vitalentum",
    method="POST",
    url="https://app.vitalentum.io/api/converse-edge",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class Vitalentum(AsyncGeneratorProvider):
    """Streams answers from the Vitalentum endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "app.vitalentum.io, a JSON-text conversation answered as OpenAI-style events."
    )
    url: ClassVar[str] = "https://app.vitalentum.io"
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
        conversation = json.dumps(
            {
                "history": [
                    {
                        "speaker": {"user": "human", "assistant": "bot", "system": "bot"}.get(
                            message["role"], message["role"]
                        ),
                        "text": content_text(message["content"]),
                    }
                    for message in messages
                ]
            }
        )
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "Accept": "text/event-stream",
            "Accept-language": "de,en-US;q=0.7,en;q=0.3",
            "Origin": cls.url,
            "Referer": cls.url + "/",
            "Sec-Fetch-Dest": "empty",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
        }
        body: dict[str, Any] = {"conversation": conversation, "temperature": 0.7, **kwargs}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
