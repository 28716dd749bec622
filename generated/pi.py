# Generated from specs/pi.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Pi streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream

_start_step = Step(provider="Pi", name="start", method="POST", url="https://pi.ai/api/chat/start")


def _conversation_path(node: object) -> object:
    # The value at JSONPath '$.conversations[0].sid', or MISSING.
    if not isinstance(node, dict) or "conversations" not in node:
        return MISSING
    node = node["conversations"]
    if not isinstance(node, list) or len(node) <= 0:
        return MISSING
    node = node[0]
    if not isinstance(node, dict) or "sid" not in node:
        return MISSING
    node = node["sid"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    if isinstance(document, dict) and "text" in document:
        delta = document["text"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    text: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.text'
    delta: object = MISSING
    delta = document.text
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Pi",
    method="POST",
    url="https://pi.ai/api/chat",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class Pi(AsyncGeneratorProvider):
    """Streams answers from the Pi endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "pi.ai's chat with a browser's cookies, a conversation started for each call."
    )
    url: ClassVar[str] = "https://pi.ai/talk"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "pi"
    models: ClassVar[tuple[str, ...]] = ("pi",)

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The pi.ai cookies of a browser session, as a Cookie header's text.
        cookies: str,
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
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"cookies": cookies},
        )
        return call.answer(lambda: cls._exchanges(call, model, messages, cookies))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        cookies: str,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step start, then the streamed request: the call's exchanges, in order."""
        answer = await call.fetch(
            _start_step,
            {
                "accept": "application/json",
                "accept-encoding": "gzip, deflate, br",
                "accept-language": "en-US",
                "referer": "https://pi.ai/talk/",
                "sec-ch-ua": '"Chromium";v="136", "Google Chrome";v="136", "Not.A/Brand";v="99"',
                "sec-ch-ua-mobile": "?0",
                "sec-ch-ua-platform": '"Windows"',
                "sec-fetch-dest": "empty",
                "sec-fetch-mode": "cors",
                "sec-fetch-site": "same-origin",
                "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
                "x-api-version": "3",
                "cookie": cookies,
            },
            {},
        )
        conversation = answer.json_value(
            "conversation", "$.conversations[0].sid", _conversation_path(answer.json())
        )
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-encoding": "gzip, deflate, br",
            "accept-language": "en-US",
            "referer": "https://pi.ai/talk/",
            "sec-ch-ua": '"Chromium";v="136", "Google Chrome";v="136", "Not.A/Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
            "cookie": cookies,
        }
        body: dict[str, Any] = {
            "text": format_prompt(messages),
            "conversation": conversation,
            "mode": "BASE",
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
