# Generated from specs/forefront.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Forefront streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta'
    delta: object = MISSING
    if isinstance(document, dict) and "delta" in document:
        delta = document["delta"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta'
    delta: object = MISSING
    delta = document.delta
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Forefront",
    method="POST",
    url="https://streaming.tenant-forefront-default.knative.chi.coreweave.com/free-chat",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class Forefront(AsyncGeneratorProvider):
    """Streams answers from the Forefront endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Forefront's free chat, the last message and the history, streamed deltas."
    )
    url: ClassVar[str] = "https://forefront.com"
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
        Other keyword arguments are accepted and ignored.
        """
        text = last_message(messages)
        history = list(messages[:-1])
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "text": text,
            "action": "noauth",
            "id": "",
            "parentId": "",
            "workspaceId": "",
            "messagePersona": "607e41fe-95be-497e-8e97-010a59b2e2c0",
            "model": "gpt-4",
            "messages": history,
            "internetMode": "auto",
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
