"""The ``values`` section of a spec: computed values, each one function of a closed set.

A value is a mapping with one function key (``sha256: "${timestamp}:${prompt}"``) and the
options that function takes (``encoding: base64``). Its templates may use the builtin
placeholders, the parameters, the values before it and the values taken by steps; each is
computed once per call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from .._diagnostics import KeyPath
from .._model import (
    ITEM_PLACEHOLDERS,
    Digest,
    Encoded,
    Function,
    Hmac,
    JsonText,
    LastMessage,
    Length,
    MessagesBefore,
    Pick,
    PromptLines,
    RandomInteger,
    RandomText,
    Reversed,
    Table,
    TemplateString,
    Text,
    TimeNow,
    Today,
    Uuid,
    Value,
)
from ._checker import Checker
from ._names import check_identifier
from ._request_section import body_template
from ._schema_parts import Schema

__all__ = ["FUNCTIONS", "VALUE_SCHEMA", "read_values"]

_TEXT: Schema = {"type": "string"}

FUNCTIONS: dict[str, tuple[Schema, tuple[str, ...], str]] = {
    # function: (the schema of its argument, the options it takes, what it computes)
    "text": (_TEXT, (), "the text of a template"),
    "sha256": (_TEXT, ("encoding",), "the SHA-256 of a text, hex (or encoding: base64)"),
    "sha1": (_TEXT, ("encoding",), "the SHA-1 of a text, hex (or encoding: base64)"),
    "md5": (_TEXT, ("encoding",), "the MD5 of a text, hex (or encoding: base64)"),
    "hmac_sha256": (_TEXT, ("key", "encoding"), "the HMAC-SHA256 of a text under key"),
    "base64": (_TEXT, (), "a text in base64"),
    "reverse": (_TEXT, (), "a text backwards"),
    "length": (_TEXT, (), "the number of characters of a text"),
    "random": (
        {"type": "object"},
        (),
        "{alphabet, length}: random text; {min, max}: a random integer, both included",
    ),
    "choice": (
        {"type": "array", "items": {"type": "string"}, "minItems": 1},
        (),
        "one of a list of texts, at random",
    ),
    "date": (_TEXT, ("zone",), "the date as a strftime format writes it (zone: utc or local)"),
    "time": ({"enum": ["seconds", "milliseconds"]}, (), "Unix time, whole seconds or milliseconds"),
    "uuid": ({"enum": ["v4"]}, (), "a random UUID"),
    "json": ({}, ("compact",), "the JSON text of a value (a mapping, a list, a placeholder)"),
    "table": (
        {"type": "object"},
        ("key", "default"),
        "the entry at key (default ${model}); without default, another key is an error",
    ),
    "messages": (
        {"enum": ["before_last", "last"]},
        ("role",),
        "the messages but the last; or the text of the last (of role)",
    ),
    "prompt": (
        _TEXT,
        ("separator", "end", "roles"),
        "the messages as lines of a template with ${role} and ${content}, then end",
    ),
}
"""Every function a value may be, by its key."""

_OPTIONS: Schema = {
    "encoding": {"enum": ["hex", "base64"], "description": "How a hash is written. Default hex."},
    "key": {"type": "string", "description": "The HMAC's key, or the table's key."},
    "zone": {"enum": ["utc", "local"], "description": "The date's time zone. Default utc."},
    "compact": {"type": "boolean", "description": "JSON without spaces. Default false."},
    "default": {"description": "The table's entry for any other key."},
    "role": {"type": "string", "description": "The role of the last message taken."},
    "separator": {"type": "string", "description": "Between the prompt's lines. Default \\n."},
    "end": {"type": "string", "description": "After the prompt's lines. Default nothing."},
    "roles": {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": "Role renames in the prompt's lines, {user: User}.",
    },
}

VALUE_SCHEMA: Schema = {
    "type": "object",
    "properties": {
        **{name: {**schema, "description": what} for name, (schema, _, what) in FUNCTIONS.items()},
        **_OPTIONS,
    },
    "additionalProperties": False,
    "minProperties": 1,
    "description": "A computed value: one function of the spec format's, and its options.",
}


def read_values(
    values: dict[str, Any], known: frozenset[str], checker: Checker
) -> tuple[Value, ...]:
    """The values the section declares; ``known`` holds the placeholders usable in the first
    (each value adds its own name for those after it)."""
    read: list[Value] = []
    for name, entry in values.items():
        at: KeyPath = ("values", name)
        check_identifier(checker, at, name, "value name")
        function = _function(entry, at, known, checker)
        if function is not None:
            read.append(Value(name, function))
        known = known | {name}
    return tuple(read)


def _function(
    entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
) -> Function | None:
    functions = [key for key in entry if key in FUNCTIONS]
    if len(functions) != 1:
        named = ", ".join(functions) if functions else "none"
        checker.error(at, f"a value is one function of: {', '.join(FUNCTIONS)} (here: {named})")
        return None
    [function] = functions
    allowed = FUNCTIONS[function][1]
    for option in entry:
        if option != function and option not in allowed:
            takes = ", ".join(allowed) or "no option"
            checker.error((*at, option), f"{function} takes {takes}", at_key=True)
    return _READERS[function](entry, (*at, function), known, checker)


_Reader = Callable[[dict[str, Any], KeyPath, frozenset[str], Checker], Function]


def _templated(key: str, make: Callable[[TemplateString], Function]) -> _Reader:
    """A reader of a function of one text template."""

    def read(
        entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
    ) -> Function:
        return make(checker.template(at, entry[key], known))

    return read


def _digest(algorithm: Literal["sha256", "sha1", "md5"]) -> _Reader:
    def read(
        entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
    ) -> Function:
        text = checker.template(at, entry[algorithm], known)
        return Digest(algorithm, text, entry.get("encoding", "hex"))

    return read


def _hmac(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    if "key" not in entry:
        checker.error(at, "hmac_sha256 needs a key", at_key=True)
    key = checker.template((*at[:-1], "key"), entry.get("key", ""), known)
    text = checker.template(at, entry["hmac_sha256"], known)
    return Hmac(text, key, entry.get("encoding", "hex"))


def _random(
    entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
) -> Function:
    spec = entry["random"]
    if set(spec) == {"alphabet", "length"}:
        alphabet, length = spec["alphabet"], spec["length"]
        if isinstance(alphabet, str) and alphabet and type(length) is int and 0 < length <= 1024:
            return RandomText(alphabet, length)
        checker.error(at, "alphabet is a text of one character or more, length 1 to 1024")
    elif set(spec) == {"min", "max"}:
        low, high = spec["min"], spec["max"]
        if type(low) is int and type(high) is int and low <= high:
            return RandomInteger(low, high)
        checker.error(at, "min and max are integers, min at most max")
    else:
        checker.error(at, "random takes {alphabet, length} or {min, max}")
    return RandomText("x", 1)


def _choice(
    entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
) -> Function:
    return Pick(tuple(entry["choice"]))


def _date(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    return Today(entry["date"], entry.get("zone", "utc"))


def _time(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    return TimeNow(entry["time"])


def _uuid(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    return Uuid()


def _json(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    return JsonText(body_template(entry["json"], at, known, checker), entry.get("compact", False))


def _table(entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker) -> Function:
    key = checker.template((*at[:-1], "key"), entry.get("key", "${model}"), known)
    entries = tuple(entry["table"].items())
    if not entries:
        checker.error(at, "a table has one entry or more")
    return Table(key, entries, entry.get("default"), "default" in entry)


def _messages(
    entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
) -> Function:
    if entry["messages"] == "before_last":
        if "role" in entry:
            checker.error((*at[:-1], "role"), "role goes with messages: last", at_key=True)
        return MessagesBefore()
    return LastMessage(entry.get("role"))


def _prompt(
    entry: dict[str, Any], at: KeyPath, known: frozenset[str], checker: Checker
) -> Function:
    line = checker.template(at, entry["prompt"], known | frozenset(ITEM_PLACEHOLDERS))
    roles = tuple(entry.get("roles", {}).items())
    return PromptLines(line, entry.get("separator", "\n"), entry.get("end", ""), roles)


_READERS: dict[str, _Reader] = {
    "text": _templated("text", Text),
    "sha256": _digest("sha256"),
    "sha1": _digest("sha1"),
    "md5": _digest("md5"),
    "hmac_sha256": _hmac,
    "base64": _templated("base64", Encoded),
    "reverse": _templated("reverse", Reversed),
    "length": _templated("length", Length),
    "random": _random,
    "choice": _choice,
    "date": _date,
    "time": _time,
    "uuid": _uuid,
    "json": _json,
    "table": _table,
    "messages": _messages,
    "prompt": _prompt,
}
"""How each function's key and options are read."""
