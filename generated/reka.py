# Generated from specs/reka.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Reka streaming provider, generated from its spec."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, text_of
from ._runtime._stream import StreamItem, TextStream

_access_token_step = Step(
    provider="Reka",
    name="access_token",
    method="GET",
    url="https://space.reka.ai/bff/auth/access_token",
)


def _token_path(node: object) -> object:
    # The value at JSONPath '$.accessToken', or MISSING.
    if not isinstance(node, dict) or "accessToken" not in node:
        return MISSING
    node = node["accessToken"]
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
    provider="Reka",
    method="POST",
    url="https://space.reka.ai/api/chat",
    framing=SSEFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, cumulative="restart"
        ),
        content_types=("*/*",),
    ),
)


class Reka(AsyncGeneratorProvider):
    """Streams answers from the Reka endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "space.reka.ai's chat with the caller's cookies; cumulative data lines."
    )
    url: ClassVar[str] = "https://space.reka.ai"
    working: ClassVar[bool] = False
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
        # The space.reka.ai cookies (appSession=...) as a Cookie header's text.
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
        """Step access_token, then the streamed request: the call's exchanges, in order."""
        random_seed = int(time.time() * 1000)
        answer = await call.fetch(
            _access_token_step,
            {
                "accept": "*/*",
                "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
                "cache-control": "no-cache",
                "pragma": "no-cache",
                "priority": "u=1, i",
                "referer": "https://space.reka.ai/chat",
                "sec-ch-ua": '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"',
                "sec-ch-ua-mobile": "?0",
                "sec-ch-ua-platform": '"macOS"',
                "sec-fetch-dest": "empty",
                "sec-fetch-mode": "cors",
                "sec-fetch-site": "same-origin",
                "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
                "Cookie": cookies,
            },
            None,
        )
        token = answer.json_value("token", "$.accessToken", _token_path(answer.json()))
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "authorization": "Bearer " + text_of(token),
            "cache-control": "no-cache",
            "content-type": "application/json",
            "origin": cls.url,
            "pragma": "no-cache",
            "priority": "u=1, i",
            "sec-ch-ua": '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"macOS"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Cookie": cookies,
        }
        body: dict[str, Any] = {
            "conversation_history": [
                {"type": "human", "text": content_text(message["content"])} for message in messages
            ],
            "stream": True,
            "use_search_engine": False,
            "use_code_interpreter": False,
            "model_name": "reka-core",
            "random_seed": random_seed,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
