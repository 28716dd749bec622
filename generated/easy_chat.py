# Generated from specs/easy_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The EasyChat streaming provider, generated from its spec."""

from __future__ import annotations

import random
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step
from ._runtime._stream import StreamItem, TextStream

_home_step = Step(provider="EasyChat", name="home", method="GET", url="https://${server}/")


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    delta: object = MISSING
    if isinstance(document, dict) and "choices" in document:
        node_1 = document["choices"]
        if isinstance(node_1, list) and len(node_1) > 0:
            node_2 = node_1[0]
            if isinstance(node_2, dict) and "delta" in node_2:
                node_3 = node_2["delta"]
                if isinstance(node_3, dict) and "content" in node_3:
                    delta = node_3["content"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.choices[0].delta' that the paths read.
    content: object = MISSING


class _Shape2(Shape):
    # The members of '$.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    delta: object = MISSING
    node_1 = document.choices
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.delta
        if node_3 is not UNSET:
            delta = node_3.content
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="EasyChat",
    method="POST",
    url="https://${server}/api/openai/v1/chat/completions",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class EasyChat(AsyncGeneratorProvider):
    """Streams answers from the EasyChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "fastgpt.me hosts, an OpenAI-style chat completion of a ChatGPT-Next-Web site."
    )
    url: ClassVar[str] = "https://free.easychat.work"
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
        temperature: float = 0.5,
        presence_penalty: int = 0,
        frequency_penalty: int = 0,
        top_p: int = 1,
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
        return call.answer(
            lambda: cls._exchanges(
                call, model, messages, temperature, presence_penalty, frequency_penalty, top_p
            )
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        temperature: float,
        presence_penalty: int,
        frequency_penalty: int,
        top_p: int,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step home, then the streamed request: the call's exchanges, in order."""
        model = model or "gpt-3.5-turbo"
        server = random.choice(
            (
                "chat10.fastgpt.me",
                "chat9.fastgpt.me",
                "chat1.fastgpt.me",
                "chat2.fastgpt.me",
                "chat3.fastgpt.me",
                "chat4.fastgpt.me",
            )
        )
        await call.fetch(_home_step, {}, None, url="https://" + server + "/")
        endpoint_url = "https://" + server + "/api/openai/v1/chat/completions"
        headers: dict[str, str] = {
            "authority": server,
            "accept": "text/event-stream",
            "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3,fa=0.2",
            "content-type": "application/json",
            "origin": "https://" + server,
            "referer": "https://" + server + "/",
            "x-requested-with": "XMLHttpRequest",
            "plugins": "0",
            "sec-ch-ua": '"Chromium";v="116", "Not)A;Brand";v="24", "Google Chrome";v="116"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "usesearch": "false",
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "stream": True,
            "model": model,
            "temperature": temperature,
            "presence_penalty": presence_penalty,
            "frequency_penalty": frequency_penalty,
            "top_p": top_p,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
            url=endpoint_url,
        ):
            yield items
