# Generated from specs/teach_anything.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The TeachAnything streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import TextFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="TeachAnything",
    method="POST",
    url="https://www.teach-anything.com/api/generate",
    framing=TextFraming(content_types=("*/*",)),
    timeouts=Timeouts(total=60),
)


class TeachAnything(AsyncGeneratorProvider):
    """Streams answers from the TeachAnything endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "teach-anything.com, a prompt-string endpoint answering in raw text."
    )
    url: ClassVar[str] = "https://www.teach-anything.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gemma"
    models: ClassVar[tuple[str, ...]] = ("gemma",)

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
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-language": "en-US,en;q=0.9",
            "cache-control": "no-cache",
            "content-type": "application/json",
            "origin": "https://www.teach-anything.com",
            "referer": "https://www.teach-anything.com/",
        }
        body: dict[str, Any] = {"prompt": format_prompt(messages)}
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
