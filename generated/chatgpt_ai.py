# Generated from specs/chatgpt_ai.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The ChatgptAi streaming provider, generated from its spec."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming, json_one_of, member
from ._runtime._messages import Message, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, StepCache
from ._runtime._stream import StreamItem, TextStream

_system_data_step = Step(
    provider="ChatgptAi", name="system_data", method="GET", url="https://chatgpt.ai/"
)


# Step system_data's values, kept for the process.
_system_data_cache = StepCache()


_bot_id_pattern = re.compile("data-system='([^']+)'")


def _bot_id_path(node: object) -> object:
    # The value at JSONPath '$.botId', or MISSING.
    if not isinstance(node, dict) or "botId" not in node:
        return MISSING
    node = node["botId"]
    return node


_context_id_pattern = re.compile("data-system='([^']+)'")


def _context_id_path(node: object) -> object:
    # The value at JSONPath '$.contextId', or MISSING.
    if not isinstance(node, dict) or "contextId" not in node:
        return MISSING
    node = node["contextId"]
    return node


_system_id_pattern = re.compile("data-system='([^']+)'")


def _system_id_path(node: object) -> object:
    # The value at JSONPath '$.id', or MISSING.
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


_session_id_pattern = re.compile("data-system='([^']+)'")


def _session_id_path(node: object) -> object:
    # The value at JSONPath '$.sessionId', or MISSING.
    if not isinstance(node, dict) or "sessionId" not in node:
        return MISSING
    node = node["sessionId"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.data'
    # filter '$.type'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict):
        if "data" in document:
            delta = document["data"]
        if "type" in document:
            filter = document["type"]
    counts = json_one_of(filter, ("live",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    data: object = MISSING
    _member_2: object = member(default=MISSING, name="type")


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.data'
    # filter '$.type'
    delta: object = MISSING
    filter: object = MISSING
    delta = document.data
    filter = document._member_2
    counts = json_one_of(filter, ("live",))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="ChatgptAi",
    method="POST",
    url="https://chatgpt.ai/wp-json/mwai-ui/v1/chats/submit",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class ChatgptAi(AsyncGeneratorProvider):
    """Streams answers from the ChatgptAi endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "chatgpt.ai, an AI Engine chat bot whose settings the home page holds."
    )
    url: ClassVar[str] = "https://chatgpt.ai/"
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
        """Step system_data, then the streamed request: the call's exchanges, in order."""
        history = list(messages[:-1])
        question = last_message(messages)
        kept = call.kept(_system_data_cache, _system_data_step)
        if kept is None:
            answer = await call.fetch(
                _system_data_step,
                {
                    "authority": "chatgpt.ai",
                    "accept": "*/*",
                    "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
                    "cache-control": "no-cache",
                    "origin": "https://chatgpt.ai",
                    "pragma": "no-cache",
                    "referer": cls.url,
                    "sec-ch-ua": '"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"',
                    "sec-ch-ua-mobile": "?0",
                    "sec-ch-ua-platform": '"Windows"',
                    "sec-fetch-dest": "empty",
                    "sec-fetch-mode": "cors",
                    "sec-fetch-site": "same-origin",
                    "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36",
                },
                None,
            )
            kept = call.keep(
                _system_data_cache,
                _system_data_step,
                {
                    "bot_id": answer.json_value(
                        "bot_id",
                        "$.botId",
                        _bot_id_path(answer.matched_json("bot_id", _bot_id_pattern)),
                    ),
                    "context_id": answer.json_value(
                        "context_id",
                        "$.contextId",
                        _context_id_path(answer.matched_json("context_id", _context_id_pattern)),
                    ),
                    "system_id": answer.json_value(
                        "system_id",
                        "$.id",
                        _system_id_path(answer.matched_json("system_id", _system_id_pattern)),
                    ),
                    "session_id": answer.json_value(
                        "session_id",
                        "$.sessionId",
                        _session_id_path(answer.matched_json("session_id", _session_id_pattern)),
                    ),
                },
            )
        bot_id = kept["bot_id"]
        context_id = kept["context_id"]
        system_id = kept["system_id"]
        session_id = kept["session_id"]
        headers: dict[str, str] = {
            "authority": "chatgpt.ai",
            "accept": "*/*",
            "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "cache-control": "no-cache",
            "origin": "https://chatgpt.ai",
            "pragma": "no-cache",
            "referer": cls.url,
            "sec-ch-ua": '"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36",
        }
        body: dict[str, Any] = {
            "botId": bot_id,
            "clientId": "",
            "contextId": context_id,
            "id": system_id,
            "messages": history,
            "newMessage": question,
            "session": session_id,
            "stream": True,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
        ):
            yield items
