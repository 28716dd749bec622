# Generated from specs/codelink_ava.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The CodeLinkAva streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, JSONRules, SSEFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> object:
    # JSONPath '$.choices[0].delta.content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "choices" not in node:
        return MISSING
    node = node["choices"]
    if not isinstance(node, list) or len(node) <= 0:
        return MISSING
    node = node[0]
    if not isinstance(node, dict) or "delta" not in node:
        return MISSING
    node = node["delta"]
    if not isinstance(node, dict) or "content" not in node:
        return MISSING
    node = node["content"]
    return node


def _select_error(document: object) -> object:
    # JSONPath '$.error.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return MISSING
    node = node["error"]
    if not isinstance(node, dict) or "message" not in node:
        return MISSING
    node = node["message"]
    return node


_ENDPOINT = Endpoint(
    provider="CodeLinkAva",
    method="POST",
    url="https://ava-alpha-api.codelink.io/api/chat",
    framing=SSEFraming(
        rules=JSONRules(delta=_select_delta, error_message=_select_error),
        stop_data="[DONE]",
        content_types=("text/event-stream",),
    ),
)


class CodeLinkAva(AsyncGeneratorProvider):
    """Streams answers from the CodeLinkAva endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        'CodeLink\'s "Ava" assistant: an OpenAI-style chat completion stream over server-sent events. The endpoint no longer answers.'
    )
    url: ClassVar[str] = "https://ava-ai-ef611.web.app"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = ("gpt-3.5-turbo",)

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature, sent as the body's "temperature".
        temperature: float = 0.6,
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
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "Accept": "*/*",
            "Accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "Origin": cls.url,
            "Referer": cls.url + "/",
            "Sec-Fetch-Dest": "empty",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "temperature": temperature,
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
