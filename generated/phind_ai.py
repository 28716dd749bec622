# Generated from specs/phind_ai.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The PhindAi streaming provider, generated from its spec."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, JSONFraming, json_one_of
from ._runtime._messages import Message, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream

_home_step = Step(provider="PhindAi", name="home", method="GET", url="https://phindai.org/")


_nonce_pattern = re.compile("([\"'])nonce\\1:\\1([a-f0-9]+)\\1")


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.data.response'
    # filter '$.success'
    # when '$.success'
    # error '$.data.message'
    # error_2 '$.data'
    # error_3 '$.success'
    delta: object = MISSING
    filter: object = MISSING
    when: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    error_3: object = MISSING
    if isinstance(document, dict):
        if "data" in document:
            node_1 = document["data"]
            error_2 = node_1
            if isinstance(node_1, dict):
                if "response" in node_1:
                    delta = node_1["response"]
                if "message" in node_1:
                    error = node_1["message"]
        if "success" in document:
            node_2 = document["success"]
            filter = node_2
            when = node_2
            error_3 = node_2
    reports = json_one_of(when, (False,))
    if reports and error is not None and error is not MISSING:
        return error, False
    if reports and error_2 is not None and error_2 is not MISSING:
        return error_2, False
    if reports and error_3 is not None and error_3 is not MISSING:
        return error_3, False
    counts = json_one_of(filter, (True,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="PhindAi",
    method="POST",
    url="https://phindai.org/wp-admin/admin-ajax.php",
    framing=JSONFraming(rules=DocumentRules(walk=_read_document), content_types=("*/*",)),
    body_format="form",
    timeouts=Timeouts(total=120),
)


class PhindAi(AsyncGeneratorProvider):
    """Streams answers from the PhindAi endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "phindai.org, a WordPress ajax endpoint answering one JSON document."
    )
    url: ClassVar[str] = "https://phindai.org"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = False
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = False
    default_model: ClassVar[str | None] = "deepseek-v3"
    models: ClassVar[tuple[str, ...]] = ("deepseek-v3",)

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
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
        )
        return call.answer(lambda: cls._exchanges(call, model, messages))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step home, then the streamed request: the call's exchanges, in order."""
        query = last_message(messages)
        answer = await call.fetch(
            _home_step,
            {
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
                "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36",
            },
            None,
        )
        nonce = answer.match("nonce", _nonce_pattern, group=2)
        headers: dict[str, str] = {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/137.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {"action": "phind_ai_send", "nonce": nonce, "message": query}
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
