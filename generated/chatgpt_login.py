# Generated from specs/chatgpt_login.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ChatgptLogin streaming provider, generated from its spec."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, JSONFraming, Shape, json_one_of
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query

_nonce_step = Step(
    provider="ChatgptLogin",
    name="nonce",
    method="GET",
    url="https://opchatgpts.net/chatgpt-free-use/?id=${page_id}",
)


_nonce_pattern = re.compile('data-nonce="(.*?)"')


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.data'
    # when '$.status'
    # error '$.msg'
    delta: object = MISSING
    when: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "data" in document:
            delta = document["data"]
        if "status" in document:
            when = document["status"]
        if "msg" in document:
            error = document["msg"]
    reports = json_one_of(when, ("error",))
    if reports and error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    data: object = MISSING
    status: object = MISSING
    msg: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.data'
    # when '$.status'
    # error '$.msg'
    delta: object = MISSING
    when: object = MISSING
    error: object = MISSING
    delta = document.data
    when = document.status
    error = document.msg
    reports = json_one_of(when, ("error",))
    if reports and error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="ChatgptLogin",
    method="POST",
    url="https://opchatgpts.net/wp-admin/admin-ajax.php",
    framing=JSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("application/json",),
    ),
    body_format="form",
)


class ChatgptLogin(AsyncGeneratorProvider):
    """Streams answers from the ChatgptLogin endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "opchatgpts.net, a WordPress AI Power chat bot answering in one JSON document."
    )
    url: ClassVar[str] = "https://opchatgpts.net"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = False
    supports_gpt_35_turbo: ClassVar[bool] = True
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
        """Step nonce, then the streamed request: the call's exchanges, in order."""
        page_id = "".join(random.choices("0123456789abcdef", k=12))
        answer = await call.fetch(
            _nonce_step,
            {
                "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
                "Accept": "*/*",
                "Accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
                "Origin": "https://opchatgpts.net",
                "Alt-Used": "opchatgpts.net",
                "Referer": "https://opchatgpts.net/chatgpt-free-use/",
                "Sec-Fetch-Dest": "empty",
                "Sec-Fetch-Mode": "cors",
                "Sec-Fetch-Site": "same-origin",
            },
            None,
            url="https://opchatgpts.net/chatgpt-free-use/?id=" + quote_query(page_id),
        )
        nonce = answer.match("nonce", _nonce_pattern)
        headers: dict[str, str] = {
            "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "Accept": "*/*",
            "Accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "Origin": "https://opchatgpts.net",
            "Alt-Used": "opchatgpts.net",
            "Referer": "https://opchatgpts.net/chatgpt-free-use/",
            "Sec-Fetch-Dest": "empty",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
        }
        body: dict[str, Any] = {
            "_wpnonce": nonce,
            "post_id": 28,
            "url": "https://opchatgpts.net/chatgpt-free-use",
            "action": "wpaicg_chat_shortcode_message",
            "message": format_prompt(messages),
            "bot_id": 0,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
