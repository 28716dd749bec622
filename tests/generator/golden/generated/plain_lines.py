# Generated from tests/generator/golden/specs/plain_lines.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The PlainLines streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, JSONRules, NDJSONFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> object:
    # JSONPath '$.message.content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return MISSING
    node = node["message"]
    if not isinstance(node, dict) or "content" not in node:
        return MISSING
    node = node["content"]
    return node


def _select_stop(document: object) -> object:
    # JSONPath '$.done', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "done" not in node:
        return MISSING
    node = node["done"]
    return node


def _select_error(document: object) -> object:
    # JSONPath '$.error', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return MISSING
    node = node["error"]
    return node


_ENDPOINT = Endpoint(
    provider="PlainLines",
    method="POST",
    url="http://127.0.0.1:11434/api/chat",
    framing=NDJSONFraming(
        rules=JSONRules(
            delta=_select_delta,
            stop_path=_select_stop,
            stop_equals=True,
            error_message=_select_error,
        ),
        content_types=("application/x-ndjson",),
    ),
)


class PlainLines(AsyncGeneratorProvider):
    """Streams answers from the PlainLines endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "http://127.0.0.1:11434"
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
        base_url: str | None = None,
        max_retries: int | None = None,
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix); ``max_retries`` overrides the spec's.
        Other keyword arguments are accepted and ignored.
        """
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"messages": list(messages)}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
