# Generated from specs/phind.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Phind streaming provider, generated from its spec."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import SSEFraming, TextMarkers
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream

_ENDPOINT = Endpoint(
    provider="Phind",
    method="POST",
    url="https://www.phind.com/api/infer/answer",
    framing=SSEFraming(markers=TextMarkers(skip=("<PHIND_METADATA>",)), content_types=("*/*",)),
    timeouts=Timeouts(connect=5, total=185),
)


class Phind(AsyncGeneratorProvider):
    """Streams answers from the Phind endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "phind.com, one question, the answer as SSE text events."
    url: ClassVar[str] = "https://www.phind.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = True
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
        user_id = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=24))
        today = time.strftime("%d.%m.%Y", time.localtime())
        headers: dict[str, str] = {
            "Authority": cls.url,
            "Accept": "application/json, text/plain, */*",
            "Origin": cls.url,
            "Referer": cls.url + "/",
        }
        body: dict[str, Any] = {
            "question": format_prompt(messages),
            "webResults": [],
            "options": {
                "date": today,
                "language": "en",
                "detailed": True,
                "anonUserId": user_id,
                "answerModel": "GPT-4",
                "creativeMode": False,
                "customLinks": [],
            },
            "context": "",
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
