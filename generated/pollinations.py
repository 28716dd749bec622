# Generated from specs/pollinations.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Pollinations streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, ReasoningDelta, Usage
from ._runtime._framings import MISSING, DocumentRules, SSEFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # reasoning '$.choices[0].delta.reasoning_content'
    # finish_reason '$.choices[0].finish_reason'
    # input_tokens '$.usage.prompt_tokens'
    # output_tokens '$.usage.completion_tokens'
    # error '$.error_message'
    # error_2 '$.error.message'
    # error_3 '$.error'
    delta: object = MISSING
    reasoning: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    error_3: object = MISSING
    if isinstance(document, dict):
        if "choices" in document:
            node_1 = document["choices"]
            if isinstance(node_1, list) and len(node_1) > 0:
                node_2 = node_1[0]
                if isinstance(node_2, dict):
                    if "delta" in node_2:
                        node_3 = node_2["delta"]
                        if isinstance(node_3, dict):
                            if "content" in node_3:
                                delta = node_3["content"]
                            if "reasoning_content" in node_3:
                                reasoning = node_3["reasoning_content"]
                    if "finish_reason" in node_2:
                        finish_reason = node_2["finish_reason"]
        if "usage" in document:
            node_4 = document["usage"]
            if isinstance(node_4, dict):
                if "prompt_tokens" in node_4:
                    input_tokens = node_4["prompt_tokens"]
                if "completion_tokens" in node_4:
                    output_tokens = node_4["completion_tokens"]
        if "error_message" in document:
            error = document["error_message"]
        if "error" in document:
            node_5 = document["error"]
            error_3 = node_5
            if isinstance(node_5, dict) and "message" in node_5:
                error_2 = node_5["message"]
    if error is not None and error is not MISSING:
        return error, False
    if error_2 is not None and error_2 is not MISSING:
        return error_2, False
    if error_3 is not None and error_3 is not MISSING:
        return error_3, False
    if type(reasoning) is str and reasoning:
        items.append(ReasoningDelta(reasoning))
    if type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="Pollinations",
    method="POST",
    url="https://text.pollinations.ai/openai",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document),
        stop_data="[DONE]",
        content_types=("text/event-stream",),
    ),
)


class Pollinations(AsyncGeneratorProvider):
    """Streams answers from the Pollinations endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "pollinations.ai's free text endpoint, OpenAI chat completions over SSE."
    )
    url: ClassVar[str] = "https://pollinations.ai"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "openai-fast"
    models: ClassVar[tuple[str, ...]] = ("openai-fast", "deepseek")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        temperature: float | None = None,
        presence_penalty: float | None = None,
        top_p: float | None = None,
        frequency_penalty: float | None = None,
        seed: int | None = None,
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
        model = model or "openai-fast"
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-encoding": "gzip, deflate",
            "accept-language": "en-US",
            "referer": "",
            "sec-ch-ua": '"Chromium";v="136", "Google Chrome";v="136", "Not.A/Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "model": model,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"presence_penalty": presence_penalty} if presence_penalty is not None else {}),
            **({"top_p": top_p} if top_p is not None else {}),
            **({"frequency_penalty": frequency_penalty} if frequency_penalty is not None else {}),
            "stream": True,
            **({"seed": seed} if seed is not None else {}),
            **({"reasoning_effort": reasoning_effort} if reasoning_effort is not None else {}),
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
