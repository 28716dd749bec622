# Generated from specs/wewordle.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Wewordle streaming provider, generated from its spec."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, JSONFraming, Shape, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message.content'
    delta: object = MISSING
    if isinstance(document, dict) and "message" in document:
        node_1 = document["message"]
        if isinstance(node_1, dict) and "content" in node_1:
            delta = node_1["content"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.message' that the paths read.
    content: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    message: _Shape1 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message.content'
    delta: object = MISSING
    node_1 = document.message
    if node_1 is not UNSET:
        delta = node_1.content
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Wewordle",
    method="POST",
    url="https://wewordle.org/gptapi/v1/android/turbo",
    framing=JSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("application/json",),
    ),
)


class Wewordle(AsyncGeneratorProvider):
    """Streams answers from the Wewordle endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "wewordle.org's Android API, one JSON answer."
    url: ClassVar[str] = "https://wewordle.org"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
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
        user_id = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=16))
        app_id = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=31))
        request_date = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        headers: dict[str, str] = {
            "accept": "*/*",
            "pragma": "no-cache",
            "Content-Type": "application/json",
            "Connection": "keep-alive",
        }
        body: dict[str, Any] = {
            "user": user_id,
            "messages": list(messages),
            "subscriber": {
                "originalPurchaseDate": None,
                "originalApplicationVersion": None,
                "allPurchaseDatesMillis": {},
                "entitlements": {"active": {}, "all": {}},
                "allPurchaseDates": {},
                "allExpirationDatesMillis": {},
                "allExpirationDates": {},
                "originalAppUserId": "$RCAnonymousID:" + app_id,
                "latestExpirationDate": None,
                "requestDate": request_date,
                "latestExpirationDateMillis": None,
                "nonSubscriptionTransactions": [],
                "originalPurchaseDateMillis": None,
                "managementURL": None,
                "allPurchasedProductIdentifiers": [],
                "firstSeen": request_date,
                "activeSubscriptions": [],
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
