"""The ``request`` section of a spec: URL, headers, parameters, messages and body, checked.

Every placeholder is parsed where it is written. A value that may be absent (a parameter whose
default is null, ``${system}``) may only stand where it can be left out: as the whole value of a
body key or, where the format allows it, a whole list item.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from .._diagnostics import KeyPath
from .._model import (
    ITEM_PLACEHOLDERS,
    MAYBE_ABSENT,
    BodyFormat,
    BodyTemplate,
    MessageMapping,
    Parameter,
    Placeholder,
    Request,
    TemplateString,
    placeholders_in,
)
from ._checker import Checker
from ._names import check_identifier
from ._yaml import yaml_value

__all__ = ["parse_request"]

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def parse_request(request: dict[str, Any], checker: Checker) -> Request:
    """The request a spec's ``request`` section describes; problems go to ``checker``."""
    parameters = _parameters(request.get("parameters", {}), checker)
    known = frozenset(checker.format.placeholders) | {p.name for p in parameters}
    absent = MAYBE_ABSENT | {p.name for p in parameters if p.optional}
    path, query = _url(request["url"], known, checker)
    body_format: BodyFormat = "json"
    if "body_format" in request and checker.allows(("request", "body_format"), "body_format"):
        body_format = request["body_format"]
    parsed = Request(
        method=request.get("method", "POST"),
        url=request["url"],
        url_path=path,
        url_query=query,
        headers=_headers(request.get("headers", {}), known, checker),
        parameters=parameters,
        extra_kwargs=request.get("extra_kwargs", "merge" if "body" in request else "reject"),
        messages=_messages(request, checker),
        body_format=body_format,
        body=_body_of(request, known, checker),
        leave_out_emptied=checker.format.leaves_out_emptied,
    )
    _check_parameters_used(parsed, checker)
    if parsed.messages is not None and "messages" not in parsed.placeholders():
        checker.error(
            ("request", "messages"),
            "maps ${messages}, which the request never uses",
            at_key=True,
        )
    _check_absent_values(parsed, absent, checker)
    _check_body_shape(parsed, checker)
    return parsed


def _parameters(declared: dict[str, Any], checker: Checker) -> tuple[Parameter, ...]:
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
        parameters.append(
            Parameter(name, entry["type"], default, required, entry.get("description", ""))
        )
    return tuple(parameters)


def _fits(value: object, type_name: str) -> bool:
    if type_name == "float":
        return type(value) in (int, float)
    return type(value).__name__ == type_name


def _url(
    url: str, known: frozenset[str], checker: Checker
) -> tuple[TemplateString, TemplateString | None]:
    """The URL's path and query templates; placeholders may stand in either, not in the host."""
    at: KeyPath = ("request", "url")
    if "${" in url and not checker.allows(at, "a placeholder in the URL"):
        return (url,), None
    base, mark, rest = url.partition("?")
    path = checker.template(at, base, known)
    query = checker.template(at, rest, known) if mark else None
    if any(isinstance(part, Placeholder) for part in path):
        first = path[0] if isinstance(path[0], str) else ""
        if "/" not in first.partition("://")[2]:
            checker.error(at, "a placeholder may stand in the URL's path or query, not its host")
            return path, query
    # Placeholders stand for path segments and query values: any text will do to check the rest.
    parts = (*path, *(() if query is None else ("?", *query)))
    checker.url(at, "".join(p if isinstance(p, str) else "x" for p in parts), shown=url)
    return path, query


def _headers(
    declared: dict[str, str], known: frozenset[str], checker: Checker
) -> tuple[tuple[str, TemplateString], ...]:
    headers = []
    seen: set[str] = set()
    for name, value in declared.items():
        path = ("request", "headers", name)
        if not _HEADER_NAME.fullmatch(name):
            checker.error(path, f"{name!r} is not a valid HTTP header name", at_key=True)
        if name.lower() in seen:
            checker.error(
                path, "this header is already set (header names ignore case)", at_key=True
            )
        seen.add(name.lower())
        template = checker.template(path, value, known)
        if any(isinstance(p, str) and ("\r" in p or "\n" in p or "\0" in p) for p in template):
            checker.error(path, "a header value cannot contain a line break or NUL")
        headers.append((name, template))
    return tuple(headers)


def _messages(request: dict[str, Any], checker: Checker) -> MessageMapping | None:
    at: KeyPath = ("request", "messages")
    if "messages" not in request or not checker.allows(at, "request.messages"):
        return None
    mapping = request["messages"]
    item = mapping.get("item")
    if item is not None:
        item = cast(dict[str, BodyTemplate], _body(item, (*at, "item"), _ITEM_NAMES, checker))
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
    request: dict[str, Any], known: frozenset[str], checker: Checker
) -> dict[str, BodyTemplate] | None:
    if "body" not in request:
        if checker.format.requires_body:
            checker.error(("request",), "missing required key 'body'", at_key=True)
        return None
    return cast(
        dict[str, BodyTemplate], _body(request["body"], ("request", "body"), known, checker)
    )


def _body(value: Any, path: KeyPath, known: frozenset[str], checker: Checker) -> BodyTemplate:
    if isinstance(value, dict):
        return {k: _body(v, (*path, k), known, checker) for k, v in value.items()}
    if isinstance(value, list):
        return [_body(v, (*path, i), known, checker) for i, v in enumerate(value)]
    if isinstance(value, str):
        return checker.template(path, value, known)
    if value is not None and not isinstance(value, int | float):
        checker.error(path, f"a {type(value).__name__} cannot be written as JSON")
    return cast(BodyTemplate, value)


def _check_parameters_used(request: Request, checker: Checker) -> None:
    used = request.placeholders()
    for parameter in request.parameters:
        if parameter.name not in used:
            checker.error(
                ("request", "parameters", parameter.name),
                f"declared but never used: put ${{{parameter.name}}} in the body, a header or "
                "the URL",
                at_key=True,
            )


def _check_absent_values(request: Request, absent: frozenset[str], checker: Checker) -> None:
    """Values that may be absent stand only where leaving them out leaves a sound request."""
    for template, at in (
        (request.url_path, ("request", "url")),
        (request.url_query or (), ("request", "url")),
        *((template, ("request", "headers", name)) for name, template in request.headers),
    ):
        for name in placeholders_in(template) & absent:
            checker.error(at, _absent_message(checker.format.leaves_out_list_items)(name))
    if request.body is not None:
        at = ("request", "body")
        message = _absent_message(checker.format.leaves_out_list_items)
        _check_whole(at, request.body, absent, False, checker, message)


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


def _check_body_shape(request: Request, checker: Checker) -> None:
    if request.body is None:
        if request.extra_kwargs == "merge":
            checker.error(("request", "extra_kwargs"), "there is no body to merge into")
        return
    if request.method == "GET" and checker.format.refuses_get_body:
        checker.error(("request", "body"), "a GET request sends no body: put values in the URL")
    if request.body_format == "form":
        for key, value in request.body.items():
            lone_list = isinstance(value, tuple) and Placeholder("messages") in value
            if isinstance(value, dict | list) or value is None or lone_list:
                checker.error(
                    ("request", "body", key), "a form field holds text, a number or a boolean"
                )
