"""The ``steps`` section of a spec: requests made before the streamed one, in order, and the
values taken from their answers.

A step is a request (written as the ``request`` section is, without parameters or messages of
its own) and what it ``take``s: the value at a JSONPath of its JSON, a regular expression's
group over its text (then, with ``json``, a JSONPath into the JSON that group holds), a header,
or a cookie it set; a step that takes nothing is made for the cookies its answer sets, which go
along with the requests after it. Its values are placeholders of the steps after it and of the streamed
request. A step may be cached, its values kept for the process (``cache: true``) or for a time
(``cache: {seconds: N}``), when its request uses nothing of a call's own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .._diagnostics import KeyPath
from .._model import (
    CompiledPath,
    FromCookie,
    FromHeader,
    FromJson,
    FromMatch,
    Source,
    StepSpec,
    Take,
)
from ._checker import Checker
from ._names import check_identifier, check_name
from ._request_section import Section, parse_step_request
from ._schema_parts import JSONPATH, Schema, object_schema

__all__ = ["CALL_FREE", "STEP_SCHEMA", "read_steps", "take_names"]

_TAKE: Schema = object_schema(
    {
        "json": {**JSONPATH, "description": "The value at this JSONPath (a singular query)."},
        "regex": {
            "type": "string",
            "description": "A regular expression: a group of its first match in the text.",
        },
        "group": {"type": "integer", "minimum": 0, "description": "The group. Default 1."},
        "unescape": {
            "type": "boolean",
            "description": "Decode HTML entities in the group. Default false (true with json).",
        },
        "header": {"type": "string", "description": "A header of the answer."},
        "cookie": {"type": "string", "description": "A cookie the answer set."},
    },
    [],
    "Where a value is taken from in a step's answer.",
)

STEP_SCHEMA: Schema = {
    "type": "object",
    "properties": {
        "take": {
            "type": "object",
            "additionalProperties": _TAKE,
            "description": "The values taken from the answer, by name.",
        },
        "redirect": {
            "enum": ["error", "answer"],
            "description": (
                "What a redirect (3xx) is: an error (default), or the step's answer, its "
                "headers and cookies taken; it is never followed."
            ),
        },
        "cache": {
            "type": ["boolean", "object"],
            "properties": {"seconds": {"type": "number", "exclusiveMinimum": 0}},
            "additionalProperties": False,
            "description": (
                "Keep the values for the process (true) or {seconds: N}; a 401 or 403 of the "
                "streamed request asks the step anew, once."
            ),
        },
    },
    "description": "A request made before the streamed one.",
}
"""The keys of a step besides those of a request (merged with the request's in ``_schema``)."""

CALL_FREE = frozenset({"url"})
"""Builtin placeholders a cached step may use: they are the same on every call."""


def take_names(steps: dict[str, Any]) -> list[tuple[str, str]]:
    """Each value the steps take, with its step's name, in order."""
    return [
        (name, value)
        for name, step in steps.items()
        if isinstance(step, dict)
        for value in step.get("take", {})
    ]


def read_steps(steps: dict[str, Any], section: Section, checker: Checker) -> tuple[StepSpec, ...]:
    """The steps, in order; ``section`` holds what their templates may use before any step's
    values are taken (a cached step may use none of it but ``${url}`` and secrets)."""
    read: list[StepSpec] = []
    known = section.known
    for name, step in steps.items():
        at: KeyPath = ("steps", name)
        check_name(checker, at, name, "step name")  # its constant is _NAME_step
        here = replace(section, at=at, known=known)
        request = parse_step_request(step, here, checker)
        takes = tuple(
            _take(value, source, (*at, "take", value), checker)
            for value, source in step.get("take", {}).items()
        )
        cache = step.get("cache", False)
        cached = cache is not False
        if cached and not takes:
            checker.error((*at, "cache"), "a cached step keeps the values it takes: it takes none")
        if cached:
            used = request.placeholders() - CALL_FREE - {"env"}
            own = used - {take.name for earlier in read for take in earlier.takes if earlier.cached}
            if own:
                names = ", ".join(f"${{{each}}}" for each in sorted(own))
                checker.error(
                    (*at, "cache"), f"a cached step uses nothing of a call's own: {names}"
                )
        seconds = cache.get("seconds") if isinstance(cache, dict) else None
        read.append(
            StepSpec(
                name,
                request,
                takes,
                cached,
                seconds,
                moves_with_base_url=True,
                redirect_answers=step.get("redirect", "error") == "answer",
            )
        )
        known = known | {take.name for take in takes}
    return tuple(read)


def _take(name: str, source: dict[str, Any], at: KeyPath, checker: Checker) -> Take:
    check_identifier(checker, at, name, "value name")
    kinds = {key for key in ("json", "regex", "header", "cookie") if key in source}
    if kinds not in ({"json"}, {"regex"}, {"regex", "json"}, {"header"}, {"cookie"}):
        checker.error(
            at, "take one of: json (a JSONPath), regex (with a json path or not), header, cookie"
        )
        return Take(name, FromHeader(""))
    return Take(name, _source(source, at, checker))


def _source(source: dict[str, Any], at: KeyPath, checker: Checker) -> Source:
    if "regex" in source:
        pattern = source["regex"]
        try:
            groups = re.compile(pattern).groups
        except re.error as error:
            checker.error((*at, "regex"), f"not a regular expression: {error}")
            groups = 0
        group = source.get("group", 1)
        if group > groups:
            checker.error((*at, "regex"), f"has {groups} group(s): there is no group {group}")
        path = _path(source, at, checker) if "json" in source else None
        unescape = source.get("unescape", path is not None)
        return FromMatch(pattern, group, unescape, path)
    if "json" in source:
        return FromJson(_path(source, at, checker) or CompiledPath("$", ()))
    if "header" in source:
        return FromHeader(source["header"])
    return FromCookie(source["cookie"])


def _path(source: dict[str, Any], at: KeyPath, checker: Checker) -> CompiledPath | None:
    path = checker.jsonpath((*at, "json"), source["json"])
    if path is not None and not path.singular:
        checker.error((*at, "json"), "a value is taken at one place: a singular JSONPath")
        return None
    return path
