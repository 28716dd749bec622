# Generated from tests/generator/golden/specs/google_v3.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Tokened streaming provider, generated from its spec."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._google import GoogleAuth
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    if isinstance(document, dict) and "text" in document:
        delta = document["text"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    delta = document.text
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Tokened",
    method="POST",
    url="https://tokened.example/v1/${model}:stream?alt=sse",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("text/event-stream",),
    ),
    secrets=("TOKENED_KEY_FILE",),
)


class Tokened(AsyncGeneratorProvider):
    """Streams answers from the Tokened endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "https://tokened.example"
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
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are merged into the top level of the JSON body.
        """
        endpoint_url = "https://tokened.example/v1/" + quote_path(model) + ":stream?alt=sse"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"contents": list(messages), **kwargs}
        signer = GoogleAuth(
            "Tokened",
            os.environ.get("TOKENED_KEY_FILE"),
            ("https://www.googleapis.com/auth/cloud-platform",),
            base_url,
            proxy,
        )
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            auth=signer,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
