# Generated from specs/ollama_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OllamaChat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import EventRules, NDJSONFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.message.content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    if not isinstance(node, dict) or "content" not in node:
        return []
    node = node["content"]
    return [node]


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.done_reason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "done_reason" not in node:
        return []
    node = node["done_reason"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.prompt_eval_count', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "prompt_eval_count" not in node:
        return []
    node = node["prompt_eval_count"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.eval_count', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "eval_count" not in node:
        return []
    node = node["eval_count"]
    return [node]


def _select_stop(document: object) -> list[object]:
    # JSONPath '$.done', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "done" not in node:
        return []
    node = node["done"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.error', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return []
    node = node["error"]
    return [node]


_ENDPOINT = Endpoint(
    provider="OllamaChat",
    method="POST",
    url="http://127.0.0.1:11434/api/chat",
    framing=NDJSONFraming(
        rules=EventRules(
            text=_select_delta,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            stop_path=_select_stop,
            stop_equals=True,
            error_messages=(_select_error,),
        ),
        content_types=("application/x-ndjson",),
    ),
)


class OllamaChat(AsyncGeneratorProvider):
    """Streams answers from the OllamaChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Ollama's chat endpoint on this machine, streamed as NDJSON."
    url: ClassVar[str] = "https://ollama.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "llama3.2"
    models: ClassVar[tuple[str, ...]] = ("llama3.2", "qwen2.5", "mistral")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature.
        temperature: float | None = None,
        # How long the model stays loaded.
        keep_alive: str = "5m",
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
        model = model or "llama3.2"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "model": model,
            "messages": list(messages),
            "stream": True,
            "keep_alive": keep_alive,
            **({"options": {"temperature": temperature}} if temperature is not None else {}),
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
