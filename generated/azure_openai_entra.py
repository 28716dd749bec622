# Generated from specs/azure_openai_entra.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The AzureOpenaiEntra streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, ToolCallDelta, Usage
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, StepCache, text_of
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path, quote_query

_token_step = Step(
    provider="AzureOpenaiEntra",
    name="token",
    method="POST",
    url="https://login.microsoftonline.com/${env.AZURE_TENANT_ID}/oauth2/v2.0/token",
    body_format="form",
    moves_with_base_url=False,
)


# Step token's values, kept for a time.
_token_cache = StepCache(seconds=3000)


def _access_token_path(node: object) -> object:
    # The value at JSONPath '$.access_token', or MISSING.
    if not isinstance(node, dict) or "access_token" not in node:
        return MISSING
    node = node["access_token"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # tool_calls '$.choices[0].delta.tool_calls[*]'
    # finish_reason '$.choices[0].finish_reason'
    # input_tokens '$.usage.prompt_tokens'
    # output_tokens '$.usage.completion_tokens'
    # error '$.error.message'
    delta: object = MISSING
    tool_calls: list[object] = []
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "choices" in document:
            node_1 = document["choices"]
            if isinstance(node_1, list) and len(node_1) > 0:
                node_2 = node_1[0]
                if isinstance(node_2, dict):
                    if "delta" in node_2:
                        node_3 = node_2["delta"]
                        if isinstance(node_3, dict):
                            if "content" in node_3:
                                delta = node_3["content"]
                            if "tool_calls" in node_3:
                                node_4 = node_3["tool_calls"]
                                for node_5 in (
                                    node_4
                                    if isinstance(node_4, list)
                                    else node_4.values()
                                    if isinstance(node_4, dict)
                                    else ()
                                ):
                                    tool_calls.append(node_5)
                    if "finish_reason" in node_2:
                        finish_reason = node_2["finish_reason"]
        if "usage" in document:
            node_6 = document["usage"]
            if isinstance(node_6, dict):
                if "prompt_tokens" in node_6:
                    input_tokens = node_6["prompt_tokens"]
                if "completion_tokens" in node_6:
                    output_tokens = node_6["completion_tokens"]
        if "error" in document:
            node_7 = document["error"]
            if isinstance(node_7, dict) and "message" in node_7:
                error = node_7["message"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    for value in tool_calls:
        if value not in (None, [], {}):
            items.append(ToolCallDelta(value))
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


class _Shape1(Shape):
    # The members of '$.choices[0].delta' that the paths read.
    content: object = MISSING
    tool_calls: object = MISSING


class _Shape2(Shape):
    # The members of '$.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET
    finish_reason: object = MISSING


class _Shape3(Shape):
    # The members of '$.usage' that the paths read.
    prompt_tokens: object = MISSING
    completion_tokens: object = MISSING


class _Shape4(Shape):
    # The members of '$.error' that the paths read.
    message: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET
    usage: _Shape3 | UnsetType = UNSET
    error: _Shape4 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # tool_calls '$.choices[0].delta.tool_calls[*]'
    # finish_reason '$.choices[0].finish_reason'
    # input_tokens '$.usage.prompt_tokens'
    # output_tokens '$.usage.completion_tokens'
    # error '$.error.message'
    delta: object = MISSING
    tool_calls: list[object] = []
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    node_1 = document.choices
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.delta
        if node_3 is not UNSET:
            delta = node_3.content
            node_4 = node_3.tool_calls
            if node_4 is not MISSING:
                for node_5 in (
                    node_4
                    if isinstance(node_4, list)
                    else node_4.values()
                    if isinstance(node_4, dict)
                    else ()
                ):
                    tool_calls.append(node_5)
        finish_reason = node_2.finish_reason
    node_6 = document.usage
    if node_6 is not UNSET:
        input_tokens = node_6.prompt_tokens
        output_tokens = node_6.completion_tokens
    node_7 = document.error
    if node_7 is not UNSET:
        error = node_7.message
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    for value in tool_calls:
        if value not in (None, [], {}):
            items.append(ToolCallDelta(value))
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="AzureOpenaiEntra",
    method="POST",
    url="https://your-resource.openai.azure.com/openai/deployments/${model}/chat/completions?api-version=${api_version}",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("text/event-stream",),
    ),
    secrets=("AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID"),
)


class AzureOpenaiEntra(AsyncGeneratorProvider):
    """Streams answers from the AzureOpenaiEntra endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Azure OpenAI chat completions with an Entra ID token, streamed as server-sent events."
    )
    url: ClassVar[str] = (
        "https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity"
    )
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-4o-mini"
    models: ClassVar[tuple[str, ...]] = ("gpt-4o-mini", "gpt-4o", "gpt-35-turbo")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The API's version, a date.
        api_version: str = "2024-10-21",
        # Sampling temperature, 0 to 2.
        temperature: float | None = None,
        # Most tokens to generate.
        max_tokens: int | None = None,
        # Ask for token usage in a last chunk.
        include_usage: bool | None = None,
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
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
        return call.answer(
            lambda: cls._exchanges(
                call, model, messages, api_version, temperature, max_tokens, include_usage, kwargs
            )
        )

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        api_version: str,
        temperature: float | None,
        max_tokens: int | None,
        include_usage: bool | None,
        kwargs: dict[str, Any],
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Step token, then the streamed request: the call's exchanges, in order."""
        model = model or "gpt-4o-mini"
        base_url = call.options.base_url
        kept = call.kept(_token_cache, _token_step)
        if kept is None:
            answer = await call.fetch(
                _token_step,
                {},
                {
                    "grant_type": "client_credentials",
                    "client_id": _ENDPOINT.secret("AZURE_CLIENT_ID", base_url),
                    "client_secret": _ENDPOINT.secret("AZURE_CLIENT_SECRET", base_url),
                    "scope": "https://cognitiveservices.azure.com/.default",
                },
                url="https://login.microsoftonline.com/"
                + quote_path(_ENDPOINT.secret("AZURE_TENANT_ID", base_url))
                + "/oauth2/v2.0/token",
            )
            kept = call.keep(
                _token_cache,
                _token_step,
                {
                    "access_token": answer.json_value(
                        "access_token", "$.access_token", _access_token_path(answer.json())
                    )
                },
            )
        access_token = kept["access_token"]
        endpoint_url = (
            "https://your-resource.openai.azure.com/openai/deployments/"
            + quote_path(model)
            + "/chat/completions?api-version="
            + quote_query(api_version)
        )
        headers: dict[str, str] = {
            "Authorization": "Bearer " + text_of(access_token),
            "Accept": "text/event-stream",
        }
        body: dict[str, Any] = {
            "messages": list(messages),
            "stream": True,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"max_tokens": max_tokens} if max_tokens is not None else {}),
            **(
                {"stream_options": {"include_usage": include_usage}}
                if include_usage is not None
                else {}
            ),
            **kwargs,
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
            url=endpoint_url,
        ):
            yield items
