# Generated from specs/grok.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Grok streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    NDJSONFraming,
    Shape,
    UnsetType,
    json_one_of,
)
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream

_mode_id_table: dict[str, str] = {
    "grok-4-heavy": "heavy",
    "grok-4-reasoning": "reasoning",
    "grok-3-reasoning": "reasoning",
    "grok-3-mini-reasoning": "reasoning",
    "grok-3-thinking": "reasoning",
    "grok-3-r1": "reasoning",
    "grok-3-mini-thinking": "reasoning",
}


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.result.response.token'
    # filter '$.result.response.isThinking'
    delta: object = MISSING
    filter: object = MISSING
    if isinstance(document, dict) and "result" in document:
        node_1 = document["result"]
        if isinstance(node_1, dict) and "response" in node_1:
            node_2 = node_1["response"]
            if isinstance(node_2, dict):
                if "token" in node_2:
                    delta = node_2["token"]
                if "isThinking" in node_2:
                    filter = node_2["isThinking"]
    counts = json_one_of(filter, (False,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.result.response' that the paths read.
    token: object = MISSING
    isThinking: object = MISSING


class _Shape2(Shape):
    # The members of '$.result' that the paths read.
    response: _Shape1 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    result: _Shape2 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.result.response.token'
    # filter '$.result.response.isThinking'
    delta: object = MISSING
    filter: object = MISSING
    node_1 = document.result
    if node_1 is not UNSET:
        node_2 = node_1.response
        if node_2 is not UNSET:
            delta = node_2.token
            filter = node_2.isThinking
    counts = json_one_of(filter, (False,))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Grok",
    method="POST",
    url="https://grok.com/rest/app-chat/conversations/new",
    framing=NDJSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class Grok(AsyncGeneratorProvider):
    """Streams answers from the Grok endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "grok.com's chat with a logged-in session's cookies; JSON lines of tokens."
    )
    url: ClassVar[str] = "https://grok.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "grok-4"
    models: ClassVar[tuple[str, ...]] = (
        "grok-4",
        "grok-4-heavy",
        "grok-4-reasoning",
        "grok-3",
        "grok-3-reasoning",
        "grok-3-mini",
        "grok-3-mini-reasoning",
        "grok-2",
        "grok-2-image",
        "grok-latest",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The cookies of a logged-in grok.com session (sso=...), as a Cookie header's text.
        cookies: str,
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
        model = model or "grok-4"
        mode_id = _mode_id_table.get(model, "fast")
        request_id = str(uuid.uuid4())
        headers: dict[str, str] = {
            "accept": "*/*",
            "accept-encoding": "gzip, deflate, br",
            "accept-language": "en-US",
            "referer": "https://grok.com/",
            "sec-ch-ua": '"Chromium";v="136", "Google Chrome";v="136", "Not.A/Brand";v="99"',
            "sec-ch-ua-mobile": "?0",
            "sec-ch-ua-platform": '"Windows"',
            "sec-fetch-dest": "empty",
            "sec-fetch-mode": "cors",
            "sec-fetch-site": "same-origin",
            "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
            "x-xai-request-id": request_id,
            "cookie": cookies,
        }
        body: dict[str, Any] = {
            "temporary": True,
            "message": format_prompt(messages),
            "fileAttachments": [],
            "imageAttachments": [],
            "disableSearch": False,
            "enableImageGeneration": True,
            "returnImageBytes": False,
            "returnRawGrokInXaiRequest": False,
            "enableImageStreaming": True,
            "imageGenerationCount": 2,
            "forceConcise": False,
            "enableSideBySide": True,
            "sendFinalMetadata": True,
            "disableTextFollowUps": False,
            "responseMetadata": {},
            "disableMemory": False,
            "forceSideBySide": False,
            "isAsyncChat": False,
            "disableSelfHarmShortCircuit": False,
            "collectionIds": [],
            "disabledConnectorIds": [],
            "deviceEnvInfo": {
                "darkModeEnabled": True,
                "devicePixelRatio": 1.0,
                "screenWidth": 1920,
                "screenHeight": 1080,
                "viewportWidth": 1920,
                "viewportHeight": 1080,
            },
            "modeId": mode_id,
            "linkQuery": False,
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"cookies": cookies},
        )
