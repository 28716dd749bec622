"""The ``request`` section of a spec (URL, headers, parameters, messages, body), and the
request of each step, checked.

Every placeholder is parsed where it is written. A value that may be absent (a parameter whose
default is null, ``${system}``) may only stand where it can be left out: as the whole value of a
body key or, where the format allows it, a whole list item. A placeholder may stand in a URL's
host only where the format allows it, and only for a value computed from the spec's own text
(a ``choice``, a ``table``, a ``random`` text), never a caller's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from .._diagnostics import KeyPath
from .._model import (
    ITEM_PLACEHOLDERS,
    BodyFormat,
    BodyTemplate,
    ExtraKwargs,
    MessageMapping,
    Parameter,
    Placeholder,
    Request,
    TemplateString,
    WebSocketSend,
    placeholders_in,
)
from ..runtime._requests import FORBIDDEN_IN_HEADERS
from ._checker import Checker
from ._names import check_identifier
from ._yaml import yaml_value

__all__ = [
    "Section",
    "body_template",
    "check_parameters_used",
    "parse_request",
    "parse_step_request",
    "read_parameters",
]

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


@dataclass(frozen=True)
class Section:
    """Where a request is written, and what its templates may use."""

    at: KeyPath
    """The section's key path: ``("request",)``, ``("steps", "token")``."""
    known: frozenset[str]
    """The placeholders usable in it, ``env.*`` aside."""
    absent: frozenset[str]
    """Those that may be absent."""
    hosts: frozenset[str]
    """Those that may stand in a URL's host: values computed from the spec's own text."""


def parse_request(
    request: dict[str, Any],
    parameters: tuple[Parameter, ...],
    section: Section,
    checker: Checker,
) -> Request:
    """The request a spec's ``request`` section describes; problems go to ``checker``."""
    return _request(request, parameters, section, checker)


def parse_step_request(step: dict[str, Any], section: Section, checker: Checker) -> Request:
    """The request of a step (``section.at`` is its key path)."""
    return _request(step, (), section, checker)


def _request(
    request: dict[str, Any],
    parameters: tuple[Parameter, ...],
    section: Section,
    checker: Checker,
) -> Request:
    at = section.at
    path, query = _url(request["url"], section, checker)
    body_format: BodyFormat = "json"
    if "body_format" in request and checker.allows((*at, "body_format"), "body_format"):
        body_format = request["body_format"]
    messages = _messages(request, checker) if at == ("request",) else None
    parsed = Request(
        # A WebSocket's handshake is a GET; an HTTP request's default, a POST.
        method=request.get("method", "GET" if _is_websocket(request["url"]) else "POST"),
        url=request["url"],
        url_path=path,
        url_query=query,
        headers=_headers(request.get("headers", {}), section, checker),
        parameters=parameters,
        # A step's body takes no caller's keyword arguments: they are the streamed request's.
        extra_kwargs=_extra_kwargs(request) if at == ("request",) else "ignore",
        messages=messages,
        body_format=body_format,
        body=_body_of(request, section, checker),
        send=_sends(request.get("send", []), section, checker),
        leave_out_emptied=checker.format.leaves_out_emptied,
    )
    _check_absent_values(parsed, section, checker)
    _check_body_shape(parsed, at, checker)
    return parsed


def _is_websocket(url: str) -> bool:
    return url.startswith(("ws://", "wss://"))


def _extra_kwargs(request: dict[str, Any]) -> ExtraKwargs:
    default: ExtraKwargs = "merge" if "body" in request else "reject"
    given: ExtraKwargs = request.get("extra_kwargs", default)
    return given


def read_parameters(declared: dict[str, Any], checker: Checker) -> tuple[Parameter, ...]:
    """The keyword arguments the spec declares, under ``request.parameters``."""
    parameters = []
    for name, entry in declared.items():
        path = ("request", "parameters", name)
        check_identifier(checker, path, name, "parameter name")
        required = entry.get("required", False)
        if required and "default" in entry:
            checker.error(path, "a required parameter cannot have a default")
        elif not required and "default" not in entry:
            checker.error(path, "give a default (null to leave it out) or set required: true")
        default = entry.get("default")
        if default is not None and not _fits(default, entry["type"]):
            article = "an" if entry["type"] == "int" else "a"
            message = f"default {yaml_value(default)} is not {article} {entry['type']}"
            checker.error((*path, "default"), message)
        secret = entry.get("secret", False)
        if secret:
            checker.allows((*path, "secret"), "a secret parameter")
            if entry["type"] != "str":
                checker.error((*path, "secret"), "a secret parameter is text (type: str)")
        parameters.append(
            Parameter(name, entry["type"], default, required, entry.get("description", ""), secret)
        )
    return tuple(parameters)


def check_parameters_used(
    parameters: tuple[Parameter, ...], used: set[str], checker: Checker
) -> None:
    """Report each parameter that no request, step or value uses."""
    for parameter in parameters:
        if parameter.name not in used:
            checker.error(
                ("request", "parameters", parameter.name),
                f"declared but never used: put ${{{parameter.name}}} in the body, a header or "
                "the URL",
                at_key=True,
            )


def _fits(value: object, type_name: str) -> bool:
    if type_name == "float":
        return type(value) in (int, float)
    return type(value).__name__ == type_name


def _url(
    url: str, section: Section, checker: Checker
) -> tuple[TemplateString, TemplateString | None]:
    """The URL's path and query templates (the path's template holds the scheme and host)."""
    at: KeyPath = (*section.at, "url")
    if "${" in url and not checker.allows(at, "a placeholder in the URL"):
        return (url,), None
    base, mark, rest = url.partition("?")
    path = checker.template(at, base, section.known)
    query = checker.template(at, rest, section.known) if mark else None
    in_host = _host_placeholders(path)
    if in_host is None:
        checker.error(at, "a placeholder cannot stand in the URL's scheme")
        return path, query
    if in_host and checker.allows(at, "a placeholder in the host"):
        for placeholder in in_host:
            if placeholder.name not in section.hosts:
                checker.error(
                    at,
                    f"${{{placeholder.name}}} cannot stand in the host: only a value computed "
                    "from the spec's own text can (a choice, a table, a random text)",
                )
    # Placeholders stand for path segments and query values: any text will do to check the rest.
    parts = (*path, *(() if query is None else ("?", *query)))
    checker.url(at, "".join(p if isinstance(p, str) else "x" for p in parts), shown=url)
    return path, query


def _host_placeholders(path: TemplateString) -> list[Placeholder] | None:
    """The placeholders before the path's first ``/`` (the host's); None for one that stands
    in the scheme, before ``://``."""
    first = path[0] if path and isinstance(path[0], str) else ""
    if "://" not in first:
        return None
    found: list[Placeholder] = []
    for index, part in enumerate(path):
        if isinstance(part, Placeholder):
            found.append(part)
        elif "/" in (part.partition("://")[2] if index == 0 else part):
            break
    return found


def _headers(
    declared: dict[str, str], section: Section, checker: Checker
) -> tuple[tuple[str, TemplateString], ...]:
    headers = []
    seen: set[str] = set()
    for name, value in declared.items():
        path = (*section.at, "headers", name)
        if not _HEADER_NAME.fullmatch(name):
            checker.error(path, f"{name!r} is not a valid HTTP header name", at_key=True)
        if name.lower() in seen:
            checker.error(
                path, "this header is already set (header names ignore case)", at_key=True
            )
        seen.add(name.lower())
        template = checker.template(path, value, section.known)
        if any(isinstance(p, str) and FORBIDDEN_IN_HEADERS.search(p) for p in template):
            checker.error(
                path, "a header value cannot contain a line break or another control character"
            )
        headers.append((name, template))
    return tuple(headers)


def _messages(request: dict[str, Any], checker: Checker) -> MessageMapping | None:
    at: KeyPath = ("request", "messages")
    if "messages" not in request or not checker.allows(at, "request.messages"):
        return None
    mapping = request["messages"]
    item = mapping.get("item")
    if item is not None:
        item = cast(
            dict[str, BodyTemplate], body_template(item, (*at, "item"), _ITEM_NAMES, checker)
        )
        if mapping.get("content", "parts") == "parts":
            _check_whole((*at, "item"), item, frozenset({"content"}), False, checker, _in_parts)
    return MessageMapping(
        separate_system=mapping.get("system", "keep") == "separate",
        roles=tuple(mapping.get("roles", {}).items()),
        content_text=mapping.get("content", "parts") == "text",
        item=item,
    )


_ITEM_NAMES = frozenset(ITEM_PLACEHOLDERS)


def _body_of(
    request: dict[str, Any], section: Section, checker: Checker
) -> dict[str, BodyTemplate] | None:
    if "body" not in request:
        if checker.format.requires_body:
            checker.error(section.at, "missing required key 'body'", at_key=True)
        return None
    at = (*section.at, "body")
    return cast(dict[str, BodyTemplate], body_template(request["body"], at, section.known, checker))


def _sends(
    sends: list[dict[str, Any]], section: Section, checker: Checker
) -> tuple[WebSocketSend, ...]:
    """What a WebSocket request sends once connected: each a mapping of one key."""
    at = (*section.at, "send")
    if sends and not checker.allows(at, "request.send"):
        return ()
    read = []
    for index, entry in enumerate(sends):
        where = (*at, index)
        if len(entry) != 1:
            checker.error(where, "each is one of text: TEXT, json: VALUE, wait: COUNT")
            continue
        [(kind, value)] = entry.items()
        if kind == "text":
            read.append(WebSocketSend("text", checker.template(where, value, section.known)))
        elif kind == "json":
            read.append(WebSocketSend("json", body_template(value, where, section.known, checker)))
        else:
            read.append(WebSocketSend("wait", None, value))
    return tuple(read)


def body_template(
    value: Any, path: KeyPath, known: frozenset[str], checker: Checker
) -> BodyTemplate:
    """A value written as JSON in the spec, its strings parsed for placeholders."""
    if isinstance(value, dict):
        return {k: body_template(v, (*path, k), known, checker) for k, v in value.items()}
    if isinstance(value, list):
        return [body_template(v, (*path, i), known, checker) for i, v in enumerate(value)]
    if isinstance(value, str):
        return checker.template(path, value, known)
    if value is not None and not isinstance(value, int | float):
        checker.error(path, f"a {type(value).__name__} cannot be written as JSON")
    return cast(BodyTemplate, value)


def _check_absent_values(request: Request, section: Section, checker: Checker) -> None:
    """Values that may be absent stand only where leaving them out leaves a sound request."""
    at, absent = section.at, section.absent
    for template, where in (
        (request.url_path, (*at, "url")),
        (request.url_query or (), (*at, "url")),
        *((template, (*at, "headers", name)) for name, template in request.headers),
    ):
        for name in placeholders_in(template) & absent:
            checker.error(where, _absent_message(checker.format.leaves_out_list_items)(name))
    message = _absent_message(checker.format.leaves_out_list_items)
    if request.body is not None:
        _check_whole((*at, "body"), request.body, absent, False, checker, message)
    for index, sent in enumerate(request.send):
        where = (*at, "send", index)
        if sent.kind == "json":
            _check_whole(where, sent.value, absent, False, checker, message)
        else:
            for name in placeholders_in(sent.value) & absent:
                checker.error(where, message(name))


def _check_whole(
    path: KeyPath,
    value: BodyTemplate,
    names: frozenset[str],
    whole: bool,
    checker: Checker,
    message: Callable[[str], str],
) -> None:
    """Report each of ``names`` in ``value`` that is not a whole value that can be left out.

    ``whole``: whether ``value`` stands where it can be left out altogether; ``message`` says
    what is wrong with a name.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            _check_whole((*path, key), item, names, True, checker, message)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            in_list = checker.format.leaves_out_list_items
            _check_whole((*path, index), item, names, in_list, checker, message)
    elif isinstance(value, tuple):
        for name in placeholders_in(value) & names:
            if not (whole and len(value) == 1):
                checker.error(path, message(name))


def _absent_message(in_lists: bool) -> Callable[[str], str]:
    """What to say of a value that may be absent where it cannot be left out."""
    where = "a body key or a list item" if in_lists else "a body key"

    def message(name: str) -> str:
        why = "when there is no system message" if name == "system" else "its default is null"
        return (
            f"${{{name}}} can be absent ({why}): it can only be the whole value of {where}, "
            "left out when absent"
        )

    return message


def _in_parts(name: str) -> str:
    return f"${{{name}}} is a list of parts here: it can be part of text only with content: text"


def _check_body_shape(request: Request, at: KeyPath, checker: Checker) -> None:
    if request.body is None:
        if request.extra_kwargs == "merge" and at == ("request",):
            checker.error(("request", "extra_kwargs"), "there is no body to merge into")
        return
    if request.method == "GET" and checker.format.refuses_get_body:
        checker.error((*at, "body"), "a GET request sends no body: put values in the URL")
    if request.body_format == "form":
        for key, value in request.body.items():
            lone_list = isinstance(value, tuple) and Placeholder("messages") in value
            if isinstance(value, dict | list) or value is None or lone_list:
                checker.error((*at, "body", key), "a form field holds text, a number or a boolean")
