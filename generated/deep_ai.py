# Generated from specs/deep_ai.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The DeepAi streaming provider, generated from its spec."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream
from ._runtime._values import utf8

_ENDPOINT = Endpoint(
    provider="DeepAi",
    method="POST",
    url="https://api.deepai.org/make_me_a_sandwich",
    framing=TextFraming(content_types=("*/*",)),
    body_format="form",
)


class DeepAi(AsyncGeneratorProvider):
    """Streams answers from the DeepAi endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "deepai.org's chat, a form with the message list, answering in raw text."
    )
    url: ClassVar[str] = "https://deepai.org"
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
        agent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/115.0.0.0 Safari/537.36"
        seed = random.randint(0, 100000000000)
        md5_1 = hashlib.md5(utf8(agent + str(seed) + "x")).hexdigest()
        hash_1 = md5_1[::-1]
        md5_2 = hashlib.md5(utf8(agent + hash_1)).hexdigest()
        hash_2 = md5_2[::-1]
        md5_3 = hashlib.md5(utf8(agent + hash_2)).hexdigest()
        hash_3 = md5_3[::-1]
        history = json.dumps(list(messages))
        headers: dict[str, str] = {
            "api-key": "tryit-" + str(seed) + "-" + hash_3,
            "User-Agent": agent,
        }
        body: dict[str, Any] = {"chat_style": "chat", "chatHistory": history}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
