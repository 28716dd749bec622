# Generated from specs/theb.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Theb streaming provider, generated from its spec."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, DocumentRules, Shape, SSEFraming
from ._runtime._messages import Message, content_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_query


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.content'
    delta: object = MISSING
    if isinstance(document, dict) and "content" in document:
        delta = document["content"]
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Document(Shape):
    # The members of '$' that the paths read.
    content: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.content'
    delta: object = MISSING
    delta = document.content
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Theb",
    method="POST",
    url="https://beta.theb.ai/api/conversation?org_id=${org_id}&req_rand=${req_rand}",
    framing=SSEFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, cumulative="restart"
        ),
        content_types=("*/*",),
    ),
)


class Theb(AsyncGeneratorProvider):
    """Streams answers from the Theb endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "beta.theb.ai, a conversation API answering with the whole text so far."
    )
    url: ClassVar[str] = "https://theb.ai"
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
        # The theb.ai bearer token (auth['bearer_token'] in gpt4free).
        bearer_token: str = "free",
        # The theb.ai organisation id (auth['org_id'] in gpt4free).
        org_id: str = "theb",
        temperature: float = 1,
        top_p: int = 1,
        frequency_penalty: int = 0,
        presence_penalty: int = 0,
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
        conversation = (
            "\n".join(
                [message["role"] + ": " + content_text(message["content"]) for message in messages]
            )
            + "\nassistant: "
        )
        req_rand = random.randint(100000000, 9999999999)
        endpoint_url = (
            "https://beta.theb.ai/api/conversation?org_id="
            + quote_query(org_id)
            + "&req_rand="
            + quote_query(req_rand)
        )
        headers: dict[str, str] = {
            "authority": "beta.theb.ai",
            "accept": "text/event-stream",
            "accept-language": "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7",
            "authorization": "Bearer " + bearer_token,
            "content-type": "application/json",
            "origin": "https://beta.theb.ai",
            "referer": "https://beta.theb.ai/home",
            "sec-ch-ua": '"Chromium";v="116", "Not)A;Brand";v="24", "Google Chrome";v="116"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36",
            "x-ai-model": "ee8d4f29cb7047f78cbe84313ed6ace8",
        }
        body: dict[str, Any] = {
            "text": conversation,
            "category": "04f58f64a4aa4191a957b47290fee864",
            "model": "ee8d4f29cb7047f78cbe84313ed6ace8",
            "model_params": {
                "system_prompt": "You are ChatGPT, a large language model trained by OpenAI, based on the GPT-3.5 architecture.\nKnowledge cutoff: 2021-09\nCurrent date: {{YYYY-MM-DD}}",
                "temperature": temperature,
                "top_p": top_p,
                "frequency_penalty": frequency_penalty,
                "presence_penalty": presence_penalty,
                "long_term_memory": "auto",
            },
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
            secret_values={"bearer_token": bearer_token},
        )
