# Generated from tests/generator/golden/specs/signed_v3.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Signed streaming provider, generated from its spec."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._aws import AwsCredentials, AwsSigV4
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Usage
from ._runtime._eventstream import EventStreamFraming
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta.text'
    # output_tokens '$.usage.output_tokens'
    delta: object = MISSING
    output_tokens: object = MISSING
    if isinstance(document, dict):
        if "delta" in document:
            node_1 = document["delta"]
            if isinstance(node_1, dict) and "text" in node_1:
                delta = node_1["text"]
        if "usage" in document:
            node_2 = document["usage"]
            if isinstance(node_2, dict) and "output_tokens" in node_2:
                output_tokens = node_2["output_tokens"]
    if type(delta) is str and delta:
        items.append(delta)
    if output_tokens is not MISSING:
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if output_tokens_count is not None:
            items.append(Usage(None, output_tokens_count))
    return None, False


class _Shape1(Shape):
    # The members of '$.delta' that the paths read.
    text: object = MISSING


class _Shape2(Shape):
    # The members of '$.usage' that the paths read.
    output_tokens: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: _Shape1 | UnsetType = UNSET
    usage: _Shape2 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta.text'
    # output_tokens '$.usage.output_tokens'
    delta: object = MISSING
    output_tokens: object = MISSING
    node_1 = document.delta
    if node_1 is not UNSET:
        delta = node_1.text
    node_2 = document.usage
    if node_2 is not UNSET:
        output_tokens = node_2.output_tokens
    if type(delta) is str and delta:
        items.append(delta)
    if output_tokens is not MISSING:
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if output_tokens_count is not None:
            items.append(Usage(None, output_tokens_count))
    return None, False


_ENDPOINT = Endpoint(
    provider="Signed",
    method="POST",
    url="https://runtime.signed.example/model/${model}/invoke",
    framing=EventStreamFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        delta_events=frozenset(("chunk",)),
        stop_events=frozenset(("done",)),
        base64_member="bytes",
        content_types=("application/vnd.amazon.eventstream",),
    ),
    secrets=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
)


class Signed(AsyncGeneratorProvider):
    """Streams answers from the Signed endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "https://signed.example"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
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
        # The region signed for.
        region: str = "us-east-1",
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
        Other keyword arguments are merged into the top level of the JSON body.
        """
        endpoint_url = "https://runtime.signed.example/model/" + quote_path(model) + "/invoke"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {"messages": list(messages), **kwargs}
        signer = AwsSigV4(
            "bedrock",
            region,
            AwsCredentials(
                _ENDPOINT.secret("AWS_ACCESS_KEY_ID", base_url),
                _ENDPOINT.secret("AWS_SECRET_ACCESS_KEY", base_url),
                os.environ.get("AWS_SESSION_TOKEN") or None,
            ),
        )
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            auth=signer,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
