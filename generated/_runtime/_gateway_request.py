# Generated from generator/runtime/_gateway_request.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""A chat completion request as the gateway reads it: which provider, what to pass it.

Everything is checked before anything is sent upstream: the body, the model (``PROVIDER`` or
``PROVIDER/MODEL``), the messages, and each field the provider declares as a parameter, by
the parameter's type. Fields the provider does not declare are ignored, and named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import msgspec

from ._exceptions import UnknownProviderError, did_you_mean
from ._gateway_errors import GatewayError
from ._messages import ContentPart, Message
from ._registry import ParameterInfo, ParameterValue, ProviderInfo, Registry

__all__ = [
    "ChatRequest",
    "chat_requests",
    "parse_chat_request",
    "parse_chat_requests",
    "read_json_object",
]

_GATEWAY_FIELDS = frozenset({"model", "messages", "stream", "stream_options"})
"""Fields the gateway reads itself; a provider parameter of one of these names is not set."""

_USAGE_PARAMETER = "include_usage"
"""The parameter that asks the upstream for usage (OpenaiChat's): the gateway sets it itself,
from ``stream_options.include_usage``, so a field of that name is ignored."""

_JSON_TYPES = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean"}


@dataclass(frozen=True)
class ChatRequest:
    """What a ``POST /v1/chat/completions`` asks for, checked."""

    provider: ProviderInfo
    model: str
    """The model passed to the provider: the one asked for, or the provider's default."""
    messages: list[Message]
    stream: bool
    include_usage: bool
    arguments: dict[str, ParameterValue]
    """The provider's declared parameters the request set, by name."""
    ignored: tuple[str, ...]
    """The request's fields the provider does not declare, sorted."""
    route: str | None = None
    """The model name the client asked for, when it is a route's."""

    @property
    def model_id(self) -> str:
        """``PROVIDER/MODEL`` as answers name it (``PROVIDER`` when there is no model)."""
        return f"{self.provider.name}/{self.model}" if self.model else self.provider.name


def parse_chat_request(body: bytes, registry: Registry) -> ChatRequest:
    """The request ``body`` asks for; raises :class:`GatewayError` (4xx) saying what is wrong."""
    [chat] = parse_chat_requests(body, registry, {})
    return chat


def parse_chat_requests(
    body: bytes, registry: Registry, routes: Mapping[str, Sequence[str]]
) -> tuple[ChatRequest, ...]:
    """The requests ``body`` asks for, in the order they are tried: one, or one for each
    ``PROVIDER/MODEL`` of the route its model names. Each is checked, as one provider would
    be asked; raises :class:`GatewayError` (4xx) saying what is wrong (and for which)."""
    return chat_requests(read_json_object(body), registry, routes)


def chat_requests(
    document: dict[str, Any], registry: Registry, routes: Mapping[str, Sequence[str]]
) -> tuple[ChatRequest, ...]:
    """The requests a chat request's ``document`` asks for, as :func:`parse_chat_requests`."""
    model = document.get("model")
    route = model if isinstance(model, str) and model in routes else None
    targets = [_resolve(each, registry) for each in ([model] if route is None else routes[route])]
    messages = _messages(document.get("messages"))
    usable: list[ChatRequest] = []
    refusals: list[GatewayError] = []
    for provider, name in targets:
        try:
            usable.append(_chat_request(document, provider, name, messages, route))
        except GatewayError as refused:  # this target cannot take it: a route tries the rest
            refusals.append(refused)
    if not usable:
        raise refusals[0]
    return tuple(usable)


def _chat_request(
    document: dict[str, Any],
    provider: ProviderInfo,
    model: str,
    messages: list[Message],
    route: str | None,
) -> ChatRequest:
    arguments, ignored = _arguments(document, provider)
    stream = _flag(document.get("stream"), "stream")
    include_usage = _include_usage(document.get("stream_options"))
    if provider.parameter(_USAGE_PARAMETER) is not None:
        # A whole answer tells its usage whenever the provider reports it, so it is asked for.
        arguments[_USAGE_PARAMETER] = include_usage or not stream
    return ChatRequest(
        provider=provider,
        model=model,
        messages=messages,
        stream=stream,
        include_usage=include_usage,
        arguments=arguments,
        ignored=ignored,
        route=route,
    )


def _invalid(message: str, param: str | None = None, code: str = "invalid_value") -> GatewayError:
    return GatewayError(400, message, type="invalid_request_error", code=code, param=param)


def read_json_object(body: bytes) -> dict[str, Any]:
    """``body`` as a JSON object; raises :class:`GatewayError` (400) when it is none."""
    try:
        document = msgspec.json.decode(body)
    except msgspec.DecodeError as error:
        # msgspec refuses a number out of a float's range too: no parameter is ever infinite.
        raise _invalid(f"cannot read the body as JSON: {error}", code="invalid_json") from None
    except RecursionError:  # arrays or objects nested deeper than Python's stack goes
        raise _invalid(
            "cannot read the body as JSON: nested too deeply", code="invalid_json"
        ) from None
    if not isinstance(document, dict):
        raise _invalid("the body must be a JSON object", code="invalid_json")
    return cast(dict[str, Any], document)


def _resolve(value: object, registry: Registry) -> tuple[ProviderInfo, str]:
    """The provider and model that ``PROVIDER`` or ``PROVIDER/MODEL`` names."""
    if not isinstance(value, str) or not value:
        raise _invalid("model must be PROVIDER or PROVIDER/MODEL", "model", "missing_field")
    name, _, model = value.partition("/")
    try:
        provider = registry.info(name)
    except UnknownProviderError as error:
        serving = [f"{info.name}/{value}" for info in registry.infos if info.serves(value)]
        hint = did_you_mean(list(dict.fromkeys([*serving, *error.matches])))
        message = f"no provider {name!r} here: model is PROVIDER or PROVIDER/MODEL{hint}"
        raise GatewayError(
            404, message, type="invalid_request_error", code="model_not_found", param="model"
        ) from None
    return provider, model or provider.default_model or ""


def _messages(value: object) -> list[Message]:
    """The messages, checked; an assistant's ``content: null`` (beside its tool calls, as the
    openai SDK sends it) is passed on as ``""``, since every provider's content is text."""
    if not isinstance(value, list) or not value:
        raise _invalid("messages must be a non-empty list", "messages", "missing_field")
    messages = [_without_null_content(message) for message in value]
    for index, message in enumerate(messages):
        if not _is_message(message):
            raise _invalid(
                f"messages[{index}] must be an object with a string role and a content that is "
                "a string or a list of parts (or null, from the assistant)",
                "messages",
            )
        _check_text_parts(cast(Message, message)["content"], index)
    return cast(list[Message], messages)


def _check_text_parts(content: str | list[ContentPart], index: int) -> None:
    """Every text part's text is text: a provider joins them into its prompt."""
    for number, part in enumerate([] if isinstance(content, str) else content):
        if part["type"] == "text" and not isinstance(part.get("text"), str):
            raise _invalid(
                f"messages[{index}].content[{number}] is a text part: its text must be a string",
                "messages",
            )


def _without_null_content(message: object) -> object:
    if not isinstance(message, dict) or message.get("role") != "assistant":
        return message
    if "content" in message and message["content"] is None:
        return {**message, "content": ""}
    return message


def _is_message(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("role"), str):
        return False
    content = value.get("content")
    if isinstance(content, str):
        return True
    return isinstance(content, list) and all(
        isinstance(part, dict) and isinstance(part.get("type"), str) for part in content
    )


def _flag(value: object, name: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _invalid(f"{name} must be true or false", name)
    return value


def _include_usage(value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, dict):
        raise _invalid("stream_options must be an object", "stream_options")
    return _flag(value.get("include_usage"), "stream_options.include_usage")


def _arguments(
    document: dict[str, Any], provider: ProviderInfo
) -> tuple[dict[str, ParameterValue], tuple[str, ...]]:
    """The provider's parameters the request sets, type-checked, and the fields it ignores."""
    arguments: dict[str, ParameterValue] = {}
    ignored: list[str] = []
    for name, value in document.items():
        if name in _GATEWAY_FIELDS:
            continue
        parameter = provider.parameter(name)
        if parameter is None or name == _USAGE_PARAMETER:
            ignored.append(name)
        elif value is not None:  # null is "not given", as OpenAI reads it
            arguments[name] = _argument(parameter, value)
    missing = [p.name for p in provider.parameters if p.required and p.name not in arguments]
    if missing:
        raise _invalid(
            f"{provider.name} requires {', '.join(missing)}", missing[0], "missing_field"
        )
    return arguments, tuple(sorted(ignored))


def _argument(parameter: ParameterInfo, value: object) -> ParameterValue:
    """``value`` as the parameter's type; an int is a float too, a bool is never a number."""
    kind = parameter.type
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an integer of 309 digits or more
            raise _invalid(f"{parameter.name} is out of range", parameter.name) from None
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _invalid(f"{parameter.name} must be {_JSON_TYPES[kind]}", parameter.name)
