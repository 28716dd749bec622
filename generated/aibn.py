# Generated from specs/aibn.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Aibn streaming provider, generated from its spec."""

from __future__ import annotations

import hashlib
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
    provider="Aibn",
    method="POST",
    url="https://aibn.cc/api/generate",
    framing=TextFraming(content_types=("*/*",)),
)


class Aibn(AsyncGeneratorProvider):
    """Streams answers from the Aibn endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "aibn.cc, a signed chatgpt-demo endpoint streaming raw text."
    url: ClassVar[str] = "https://aibn.cc"
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
        t = int(time.time())
        last = last_message(messages)
        sign = hashlib.sha256(utf8(str(t) + ":" + last + ":undefined")).hexdigest()
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"messages": list(messages), "pass": None, "sign": sign, "time": t}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
