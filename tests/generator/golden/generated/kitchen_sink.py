# Generated from tests/generator/golden/specs/kitchen_sink.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The KitchenSink streaming provider, generated from its spec."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Retries, Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._fallback import fallback_nodes
from ._runtime._framings import MISSING, DocumentRules, SSEFraming, json_text
from ._runtime._messages import Message, format_prompt, last_user_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream

# JSONPath '$.choices[*].text' does not compile: jsonpath-ng evaluates it; its first match counts.
_select_delta = fallback_nodes("$.choices[*].text", first_match_only=True)


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[*].text'
    # error '$[\'error\']["message"]'
    delta = _select_delta(document)
    error: object = MISSING
    if isinstance(document, dict) and "error" in document:
        node_1 = document["error"]
        if isinstance(node_1, dict) and "message" in node_1:
            error = node_1["message"]
    if error is not None and error is not MISSING:
        return error, False
    for value in delta:
        if type(value) is str:
            if value:
                items.append(value)
        elif value is not None:
            items.append(json_text(value))
    return None, False


_ENDPOINT = Endpoint(
    provider="KitchenSink",
    method="POST",
    url="https://api.sink.example/v1/stream?mode=fast",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document),
        delta_events=frozenset(("completion",)),
        stop_events=frozenset(("done",)),
        read_stop_events=False,
        error_events=frozenset(("error",)),
        content_types=("text/event-stream", "text/plain"),
        max_event_size=4096,
    ),
    secrets=("SINK_API_KEY",),
    timeouts=Timeouts(connect=5, idle=20.5, total=120),
    retries=Retries(max_retries=4, initial_backoff=0.25),
)


class KitchenSink(AsyncGeneratorProvider):
    """Streams answers from the KitchenSink endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        'Quotes \' " and a backslash \\ stay data, as does """ and {{ jinja }}.'
    )
    url: ClassVar[str] = "https://sink.example"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "sink-1"
    models: ClassVar[tuple[str, ...]] = ("sink-1", "sink-2")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Upper bound on tokens.
        max_tokens: int,
        top_p: float | None = None,
        user: str = "anonymous",
        echo: bool = False,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        model = model or "sink-1"
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("SINK_API_KEY", base_url),
            "X-Request-Id": str(uuid.uuid4()),
            "X-Client": "sink/" + model + " at " + str(int(time.time() * 1000)),
            "X-Literal": "costs ${price}",
        }
        body: dict[str, Any] = {
            "model": model,
            "prompt": format_prompt(messages),
            "question": last_user_message(messages),
            "options": {
                "max_tokens": max_tokens,
                **({"top_p": top_p} if top_p is not None else {}),
                "echo": echo,
                "tags": ["a", user, 3, None],
            },
            "sent_at": int(time.time()),
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
