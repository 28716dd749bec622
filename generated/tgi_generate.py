# Generated from specs/tgi_generate.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The TgiGenerate streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._fallback import fallback_nodes
from ._runtime._framings import EventRules, SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

# JSONPath '$[?(@.special == false)].text' does not compile: jsonpath-ng evaluates it.
_select_delta = fallback_nodes("$[?(@.special == false)].text")


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.details.finish_reason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "details" not in node:
        return []
    node = node["details"]
    if not isinstance(node, dict) or "finish_reason" not in node:
        return []
    node = node["finish_reason"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.details.generated_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "details" not in node:
        return []
    node = node["details"]
    if not isinstance(node, dict) or "generated_tokens" not in node:
        return []
    node = node["generated_tokens"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.error', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return []
    node = node["error"]
    return [node]


_ENDPOINT = Endpoint(
    provider="TgiGenerate",
    method="POST",
    url="http://127.0.0.1:8080/generate_stream",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            finish_reason=_select_finish_reason,
            output_tokens=_select_output_tokens,
            error_messages=(_select_error,),
        ),
        content_types=("text/event-stream",),
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
        base_url: str | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix); ``max_retries`` overrides the spec's.
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
