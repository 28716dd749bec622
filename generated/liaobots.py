# Generated from specs/liaobots.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Liaobots streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, TextFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, StepCache, text_of
from ._runtime._stream import StreamItem, TextStream

_model_settings_table: dict[str, Any] = {
    "gpt-4": {"id": "gpt-4", "name": "GPT-4", "maxLength": 24000, "tokenLimit": 8000},
    "gpt-3.5-turbo": {
        "id": "gpt-3.5-turbo",
        "name": "GPT-3.5",
        "maxLength": 12000,
        "tokenLimit": 4000,
    },
    "gpt-3.5-turbo-16k": {
        "id": "gpt-3.5-turbo-16k",
        "name": "GPT-3.5-16k",
        "maxLength": 48000,
        "tokenLimit": 16000,
    },
}


_user_step = Step(
    provider="Liaobots", name="user", method="POST", url="https://liaobots.com/api/user"
)


# Step user's values, kept for the process.
_user_cache = StepCache()


def _auth_code_path(node: object) -> object:
    # The value at JSONPath '$.authCode', or MISSING.
    if not isinstance(node, dict) or "authCode" not in node:
        return MISSING
    node = node["authCode"]
    return node


_ENDPOINT = Endpoint(
    provider="Liaobots",
    method="POST",
    url="https://liaobots.com/api/chat",
    framing=TextFraming(content_types=("*/*",)),
)


class Liaobots(AsyncGeneratorProvider):
    """Streams answers from the Liaobots endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "liaobots.com, an auth code, then the answer in raw text."
    url: ClassVar[str] = "https://liaobots.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = ("gpt-4", "gpt-3.5-turbo", "gpt-3.5-turbo-16k")

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
        """Step user, then the streamed request: the call's exchanges, in order."""
        model = model or "gpt-3.5-turbo"
        model_settings = _model_settings_table.get(
            model,
            {"id": "gpt-3.5-turbo", "name": "GPT-3.5", "maxLength": 12000, "tokenLimit": 4000},
        )
        kept = call.kept(_user_cache, _user_step)
        if kept is None:
            answer = await call.fetch(
                _user_step,
                {
                    "authority": "liaobots.com",
                    "content-type": "application/json",
                    "origin": cls.url,
                    "referer": cls.url + "/",
                    "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36",
                },
                {"authcode": ""},
            )
            kept = call.keep(
                _user_cache,
                _user_step,
                {
                    "auth_code": answer.json_value(
                        "auth_code", "$.authCode", _auth_code_path(answer.json())
                    )
                },
            )
        auth_code = kept["auth_code"]
        headers: dict[str, str] = {
            "authority": "liaobots.com",
            "content-type": "application/json",
            "origin": cls.url,
            "referer": cls.url + "/",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36",
            "x-auth-code": text_of(auth_code),
        }
        body: dict[str, Any] = {
            "conversationId": str(uuid.uuid4()),
            "model": model_settings,
            "messages": list(messages),
            "key": "",
            "prompt": "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully.",
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
