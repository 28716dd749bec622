# Generated from specs/opera_aria.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OperaAria streaming provider, generated from its spec."""

from __future__ import annotations

import random
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    Shape,
    SSEFraming,
    UnsetType,
    json_one_of,
)
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, text_of
from ._runtime._stream import StreamItem, TextStream

_anonymous_token_step = Step(
    provider="OperaAria",
    name="anonymous_token",
    method="POST",
    url="https://oauth2.opera-api.com/oauth2/v1/token/",
    body_format="form",
    moves_with_base_url=False,
)


def _anon_token_path(node: object) -> object:
    # The value at JSONPath '$.access_token', or MISSING.
    if not isinstance(node, dict) or "access_token" not in node:
        return MISSING
    node = node["access_token"]
    return node


_signup_step = Step(
    provider="OperaAria",
    name="signup",
    method="POST",
    url="https://auth.opera.com/account/v2/external/anonymous/signup",
    moves_with_base_url=False,
)


def _auth_token_path(node: object) -> object:
    # The value at JSONPath '$.token', or MISSING.
    if not isinstance(node, dict) or "token" not in node:
        return MISSING
    node = node["token"]
    return node


_refresh_step = Step(
    provider="OperaAria",
    name="refresh",
    method="POST",
    url="https://oauth2.opera-api.com/oauth2/v1/token/",
    body_format="form",
    moves_with_base_url=False,
)


def _refresh_token_path(node: object) -> object:
    # The value at JSONPath '$.refresh_token', or MISSING.
    if not isinstance(node, dict) or "refresh_token" not in node:
        return MISSING
    node = node["refresh_token"]
    return node


_access_step = Step(
    provider="OperaAria",
    name="access",
    method="POST",
    url="https://oauth2.opera-api.com/oauth2/v1/token/",
    body_format="form",
    moves_with_base_url=False,
)


def _access_token_path(node: object) -> object:
    # The value at JSONPath '$.access_token', or MISSING.
    if not isinstance(node, dict) or "access_token" not in node:
        return MISSING
    node = node["access_token"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.response.message'
    # filter '$.response.content_type'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict) and "response" in document:
        node_1 = document["response"]
        if isinstance(node_1, dict):
            if "message" in node_1:
                delta = node_1["message"]
            if "content_type" in node_1:
                filter = node_1["content_type"]
    counts = json_one_of(filter, ("text",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.response' that the paths read.
    message: object = MISSING
    content_type: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    response: _Shape1 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.response.message'
    # filter '$.response.content_type'
    delta: object = MISSING
    filter: object = MISSING
    node_1 = document.response
    if node_1 is not UNSET:
        delta = node_1.message
        filter = node_1.content_type
    counts = json_one_of(filter, ("text",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="OperaAria",
    method="POST",
    url="https://composer.opera-api.com/api/v2/a-chat",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        delta_events=frozenset(("message",)),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class OperaAria(AsyncGeneratorProvider):
    """Streams answers from the OperaAria endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Opera Aria, an anonymous Opera account's token, then the answer over SSE."
    )
    url: ClassVar[str] = "https://play.google.com/store/apps/details?id=com.opera.browser"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "aria"
    models: ClassVar[tuple[str, ...]] = ("aria",)

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Aria's think-harder mode.
        think_harder: bool = False,
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
        return call.answer(lambda: cls._exchanges(call, model, messages, think_harder))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        think_harder: bool,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Steps anonymous_token, signup, refresh, access, then the streamed request: the call's
        exchanges, in order.
        """
        key_body = "".join(
            random.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", k=43)
        )
        encryption_key = key_body + "="
        answer = await call.fetch(
            _anonymous_token_step,
            {
                "User-Agent": "okhttp/5.3.2",
                "Content-Type": "application/x-www-form-urlencoded",
                "x-requested-with": "XMLHttpRequest",
                "x-opera-client-cache": "1",
            },
            {
                "client_id": "mini-client",
                "client_secret": "Pcc5NvlCrxl02pMw32kO6WrnhpS0pUZ95YrDP8XNKJJQvFht4wQDkFJ7v9x5hn7C",
                "grant_type": "client_credentials",
                "scope": "anonymous_account",
            },
        )
        anon_token = answer.json_value(
            "anon_token", "$.access_token", _anon_token_path(answer.json())
        )
        answer = await call.fetch(
            _signup_step,
            {
                "User-Agent": "okhttp/5.3.2",
                "Authorization": "Bearer " + text_of(anon_token),
                "Accept": "application/json",
                "Content-Type": "application/json; charset=utf-8",
                "x-requested-with": "XMLHttpRequest",
                "x-opera-client-cache": "1",
            },
            {"client_id": "mini"},
        )
        auth_token = answer.json_value("auth_token", "$.token", _auth_token_path(answer.json()))
        answer = await call.fetch(
            _refresh_step,
            {
                "User-Agent": "okhttp/5.3.2",
                "Content-Type": "application/x-www-form-urlencoded",
                "x-requested-with": "XMLHttpRequest",
                "x-opera-client-cache": "1",
            },
            {
                "auth_token": auth_token,
                "client_id": "mini",
                "grant_type": "auth_token",
                "scope": "shodan:aria",
            },
        )
        refresh_token = answer.json_value(
            "refresh_token", "$.refresh_token", _refresh_token_path(answer.json())
        )
        answer = await call.fetch(
            _access_step,
            {
                "User-Agent": "okhttp/5.3.2",
                "Content-Type": "application/x-www-form-urlencoded",
                "x-requested-with": "XMLHttpRequest",
                "x-opera-client-cache": "1",
            },
            {
                "client_id": "mini",
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "scope": "shodan:aria",
            },
        )
        access_token = answer.json_value(
            "access_token", "$.access_token", _access_token_path(answer.json())
        )
        headers: dict[str, str] = {
            "Accept": "text/event-stream",
            "Authorization": "Bearer " + text_of(access_token),
            "Content-Type": "application/json",
            "Origin": "https://composer.opera-api.com",
            "Referer": "https://composer.opera-api.com/assets/aria/index.html",
            "User-Agent": "Mozilla/5.0 (Linux; U; Android 14; Pixel 8 Pro Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/138.0.7204.179 Mobile Safari/537.36 OPR/99.0.2254.81922",
            "X-Opera-Timezone": "+02:00",
            "X-Opera-UI-Language": "en",
            "X-Requested-With": "com.opera.mini.native",
        }
        body: dict[str, Any] = {
            "query": format_prompt(messages),
            "sia": True,
            "think_harder": think_harder,
            "supported_features": [],
            "file_attachments": [],
            "encryption": {"key": encryption_key},
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
