# Generated from specs/tgi_generate.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The TgiGenerate streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, Usage
from ._runtime._fallback import fallback_nodes
from ._runtime._framings import MISSING, DocumentRules, SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream

# JSONPath '$[?(@.special == false)].text' does not compile: jsonpath-ng evaluates it.
_select_delta = fallback_nodes("$[?(@.special == false)].text")


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$[?(@.special == false)].text'
    # finish_reason '$.details.finish_reason'
    # output_tokens '$.details.generated_tokens'
    # error '$.error'
    delta = _select_delta(document)
    finish_reason: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "details" in document:
            node_1 = document["details"]
            if isinstance(node_1, dict):
                if "finish_reason" in node_1:
                    finish_reason = node_1["finish_reason"]
                if "generated_tokens" in node_1:
                    output_tokens = node_1["generated_tokens"]
        if "error" in document:
            error = document["error"]
    if error is not None and error is not MISSING:
        return error, False
    for value in delta:
        if type(value) is str and value:
            items.append(value)
    if output_tokens is not MISSING:
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if output_tokens_count is not None:
            items.append(Usage(None, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="TgiGenerate",
    method="POST",
    url="http://127.0.0.1:8080/generate_stream",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document), content_types=("text/event-stream",)
    ),
)


class TgiGenerate(AsyncGeneratorProvider):
    """Streams answers from the TgiGenerate endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Hugging Face TGI's /generate_stream, a token per server-sent event."
    )
    url: ClassVar[str] = "https://huggingface.co/docs/text-generation-inference"
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
        # Most tokens to generate.
        max_new_tokens: int = 256,
        # Sampling temperature.
        temperature: float | None = None,
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
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "inputs": format_prompt(messages),
            "parameters": {
                "max_new_tokens": max_new_tokens,
                **({"temperature": temperature} if temperature is not None else {}),
                "details": True,
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
        )
