# Generated from specs/replicate.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Replicate streaming provider, generated from its spec."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import SSEFraming
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path

_owner_table: dict[str, str] = {"meta/meta-llama-3-70b-instruct": "meta"}


_name_table: dict[str, str] = {"meta/meta-llama-3-70b-instruct": "meta-llama-3-70b-instruct"}


_prediction_step = Step(
    provider="Replicate",
    name="prediction",
    method="POST",
    url="https://api.replicate.com/v1/models/${owner}/${name}/predictions",
    moves_with_base_url=False,
)


_stream_id_pattern = re.compile(
    '"stream"\\s*:\\s*"https://stream\\.replicate\\.com/v1/files/([^"/?#]+)"'
)


_ENDPOINT = Endpoint(
    provider="Replicate",
    method="GET",
    url="https://stream.replicate.com/v1/files/${stream_id}",
    framing=SSEFraming(
        delta_events=frozenset(("output",)),
        stop_events=frozenset(("done",)),
        content_types=("*/*",),
    ),
)


class Replicate(AsyncGeneratorProvider):
    """Streams answers from the Replicate endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Replicate's predictions API with the caller's token, the answer as output events."
    )
    url: ClassVar[str] = "https://replicate.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "meta/meta-llama-3-70b-instruct"
    models: ClassVar[tuple[str, ...]] = ("meta/meta-llama-3-70b-instruct",)

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The caller's Replicate API token.
        api_key: str,
        # input.system_prompt
        system_prompt: str | None = None,
        # input.max_new_tokens
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        top_k: float | None = None,
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
            secret_values={"api_key": api_key},
        )
        return call.answer(
            lambda: cls._exchanges(
                call, model, messages, api_key, system_prompt, max_tokens, temperature, top_p, top_k
            )
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        api_key: str,
        system_prompt: str | None,
        max_tokens: int | None,
        temperature: float | None,
        top_p: float | None,
        top_k: float | None,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step prediction, then the streamed request: the call's exchanges, in order."""
        model = model or "meta/meta-llama-3-70b-instruct"
        owner = _ENDPOINT.entry("owner", _owner_table, model)
        name = _ENDPOINT.entry("name", _name_table, model)
        answer = await call.fetch(
            _prediction_step,
            {"accept": "application/json", "Authorization": "Bearer " + api_key},
            {
                "stream": True,
                "input": {
                    "prompt": format_prompt(messages),
                    **({"system_prompt": system_prompt} if system_prompt is not None else {}),
                    **({"max_new_tokens": max_tokens} if max_tokens is not None else {}),
                    **({"temperature": temperature} if temperature is not None else {}),
                    **({"top_p": top_p} if top_p is not None else {}),
                    **({"top_k": top_k} if top_k is not None else {}),
                },
            },
            url="https://api.replicate.com/v1/models/"
            + quote_path(owner)
            + "/"
            + quote_path(name)
            + "/predictions",
        )
        stream_id = answer.match("stream_id", _stream_id_pattern)
        endpoint_url = "https://stream.replicate.com/v1/files/" + quote_path(stream_id)
        headers: dict[str, str] = {
            "Accept": "text/event-stream",
            "Authorization": "Bearer " + api_key,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            None,
            url=endpoint_url,
        ):
            yield items
