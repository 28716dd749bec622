# Generated from specs/llamacpp_completion.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The LlamacppCompletion streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import EventRules, SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "content" not in node:
        return []
    node = node["content"]
    return [node]


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.stop_type', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "stop_type" not in node:
        return []
    node = node["stop_type"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.tokens_evaluated', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "tokens_evaluated" not in node:
        return []
    node = node["tokens_evaluated"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.tokens_predicted', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "tokens_predicted" not in node:
        return []
    node = node["tokens_predicted"]
    return [node]


def _select_stop(document: object) -> list[object]:
    # JSONPath '$.stop', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "stop" not in node:
        return []
    node = node["stop"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.error.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return []
    node = node["error"]
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


def _select_error_2(document: object) -> list[object]:
    # JSONPath '$.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


_ENDPOINT = Endpoint(
    provider="LlamacppCompletion",
    method="POST",
    url="http://127.0.0.1:8080/completion",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            stop_path=_select_stop,
            stop_equals=True,
            error_messages=(
                _select_error,
                _select_error_2,
            ),
        ),
        error_field="error",
        content_types=("text/event-stream",),
    ),
)


class LlamacppCompletion(AsyncGeneratorProvider):
    """Streams answers from the LlamacppCompletion endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "llama.cpp server's /completion, streamed as server-sent events."
    url: ClassVar[str] = "https://github.com/ggml-org/llama.cpp"
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
        n_predict: int = 256,
        # Sampling temperature.
        temperature: float | None = None,
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
        Other keyword arguments are merged into the top level of the JSON body.
        """
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "prompt": format_prompt(messages),
            "n_predict": n_predict,
            **({"temperature": temperature} if temperature is not None else {}),
            "stream": True,
            **kwargs,
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
