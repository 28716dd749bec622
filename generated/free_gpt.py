# Generated from specs/free_gpt.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The FreeGpt streaming provider, generated from its spec."""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream
from ._runtime._values import utf8

_ENDPOINT = Endpoint(
    provider="FreeGpt",
    method="POST",
    url="https://${domain}/api/generate",
    framing=TextFraming(content_types=("*/*",)),
)


class FreeGpt(AsyncGeneratorProvider):
    """Streams answers from the FreeGpt endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "aifree.site, the messages signed with the time, answered in raw text."
    )
    url: ClassVar[str] = "https://freegpts1.aifree.site/"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
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
        domain = random.choice(("k.aifree.site", "p.aifree.site"))
        timestamp_s = int(time.time())
        question = last_message(messages)
        sign = hashlib.sha256(utf8(str(timestamp_s) + ":" + question + ":")).hexdigest()
        endpoint_url = "https://" + domain + "/api/generate"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "messages": list(messages),
            "time": timestamp_s,
            "pass": None,
            "sign": sign,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
