# Generated from specs/acytoo.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Acytoo streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="Acytoo",
    method="POST",
    url="https://chat.acytoo.com/api/completions",
    framing=TextFraming(content_types=("text/plain",)),
)


class Acytoo(AsyncGeneratorProvider):
    """Streams answers from the Acytoo endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chat.acytoo.com, an OpenAI proxy that streams its answer as raw text."
    )
    url: ClassVar[str] = "https://chat.acytoo.com"
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
        # Sampling temperature.
        temperature: float = 0.5,
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
        headers: dict[str, str] = {
            "accept": "*/*",
            "content-type": "application/json",
        }
        body: dict[str, Any] = {
            "key": "",
            "model": "gpt-3.5-turbo",
            "messages": list(messages),
            "temperature": temperature,
            "password": "",
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
