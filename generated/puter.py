# Generated from specs/puter.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Puter streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import ReasoningDelta, Usage
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    NDJSONFraming,
    Shape,
    UnsetType,
    json_one_of,
    member,
)
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    # filter '$.type'
    # reasoning '$.reasoning'
    # input_tokens '$.usage.input_tokens'
    # output_tokens '$.usage.output_tokens'
    delta: object = MISSING
    filter: object = MISSING
    reasoning: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    if isinstance(document, dict):
        if "text" in document:
            delta = document["text"]
        if "type" in document:
            filter = document["type"]
        if "reasoning" in document:
            reasoning = document["reasoning"]
        if "usage" in document:
            node_1 = document["usage"]
            if isinstance(node_1, dict):
                if "input_tokens" in node_1:
                    input_tokens = node_1["input_tokens"]
                if "output_tokens" in node_1:
                    output_tokens = node_1["output_tokens"]
    counts = json_one_of(filter, ("text",))
    if counts and type(reasoning) is str and reasoning:
        items.append(ReasoningDelta(reasoning))
    if counts and type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    return None, False


class _Shape1(Shape):
    # The members of '$.usage' that the paths read.
    input_tokens: object = MISSING
    output_tokens: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING
    _member_2: object = member(default=MISSING, name="type")
    reasoning: object = MISSING
    usage: _Shape1 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    # filter '$.type'
    # reasoning '$.reasoning'
    # input_tokens '$.usage.input_tokens'
    # output_tokens '$.usage.output_tokens'
    delta: object = MISSING
    filter: object = MISSING
    reasoning: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    delta = document.text
    filter = document._member_2
    reasoning = document.reasoning
    node_1 = document.usage
    if node_1 is not UNSET:
        input_tokens = node_1.input_tokens
        output_tokens = node_1.output_tokens
    counts = json_one_of(filter, ("text",))
    if counts and type(reasoning) is str and reasoning:
        items.append(ReasoningDelta(reasoning))
    if counts and type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    return None, False


_ENDPOINT = Endpoint(
    provider="Puter",
    method="POST",
    url="https://api.puter.com/drivers/call",
    framing=NDJSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("application/x-ndjson",),
    ),
)


class Puter(AsyncGeneratorProvider):
    """Streams answers from the Puter endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Puter's AI driver with the caller's auth token; typed JSON lines."
    url: ClassVar[str] = "https://docs.puter.com/playground"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-5.1"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The caller's Puter auth token.
        api_key: str,
        temperature: float | None = None,
        top_p: float | None = None,
        presence_penalty: float | None = None,
        frequency_penalty: float | None = None,
        reasoning_effort: str | None = None,
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
        model = model or "gpt-5.1"
        headers: dict[str, str] = {
            "authorization": "Bearer " + api_key,
            "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36",
            "content-type": "application/json;charset=UTF-8",
            "accept": "text/event-stream",
            "origin": "http://docs.puter.com",
            "sec-fetch-site": "cross-site",
            "sec-fetch-mode": "cors",
            "sec-fetch-dest": "empty",
            "referer": "http://docs.puter.com/",
            "accept-encoding": "gzip",
            "accept-language": "en-US,en;q=0.9",
        }
        body: dict[str, Any] = {
            "interface": "puter-chat-completion",
            "driver": "ai-chat",
            "test_mode": False,
            "method": "complete",
            "args": {
                "messages": list(messages),
                "model": model,
                "stream": True,
                **({"temperature": temperature} if temperature is not None else {}),
                **({"presence_penalty": presence_penalty} if presence_penalty is not None else {}),
                **({"top_p": top_p} if top_p is not None else {}),
                **(
                    {"frequency_penalty": frequency_penalty}
                    if frequency_penalty is not None
                    else {}
                ),
                **({"reasoning_effort": reasoning_effort} if reasoning_effort is not None else {}),
            },
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"api_key": api_key},
        )
