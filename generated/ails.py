# Generated from specs/ails.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Ails streaming provider, generated from its spec."""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._values import utf8


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
    provider="Ails",
    method="POST",
    url="https://api.caipacity.com/v1/chat/completions",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class Ails(AsyncGeneratorProvider):
    """Streams answers from the Ails endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "ai.ls (api.caipacity.com), a signed OpenAI-style chat stream."
    url: ClassVar[str] = "https://ai.ls"
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
        # Sampling temperature.
        temperature: float = 0.6,
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
        client_id = str(uuid.uuid4())
        seconds = int(time.time())
        millis = "".join(random.choices("0123456789", k=2))
        odd = "".join(random.choices("13579", k=1))
        t = str(seconds) + millis + odd
        day = time.strftime("%Y-%m-%d", time.localtime())
        last = last_message(messages)
        size = len(last)
        s = hashlib.sha256(
            utf8(t + ":" + last + ":WI,2rU#_r:r~aF4aJ36[.Z(/8Rv93Rf:" + str(size))
        ).hexdigest()
        headers: dict[str, str] = {
            "authority": "api.caipacity.com",
            "accept": "*/*",
            "accept-language": "en,fr-FR;q=0.9,fr;q=0.8,es-ES;q=0.7,es;q=0.6,en-US;q=0.5,am;q=0.4,de;q=0.3",
            "authorization": "Bearer free",
            "client-id": client_id,
            "client-v": "0.1.278",
            "content-type": "application/json",
            "origin": "https://ai.ls",
            "referer": "https://ai.ls/",
            "sec-ch-ua": '"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "cross-site",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36",
            "from-url": "https://ai.ls/?chat=1",
        }
        body: dict[str, Any] = {
            "model": "gpt-3.5-turbo",
            "temperature": temperature,
            "stream": True,
            "messages": list(messages),
            "d": day,
            "t": t,
            "s": s,
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
