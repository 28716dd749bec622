"""The end of a walk: what the values it found become, in one order for every walk.

First the error (a document that reports one carries nothing else), then the events: reasoning
and text (when the filter, if the spec has one, lets them count), tool calls, usage and the
finish reason; last, whether the document completes the answer.
Each role's value is one value (or MISSING) when its path is singular, else the list of its
matches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..._model import DocumentPaths
from .._source import CodeBuilder, literal

__all__ = ["outcome_lines"]

_TEXT_ROLES = {"reasoning": "ReasoningDelta", "delta": None}
"""The roles whose values are text, in the order their events come, and what wraps each."""


def outcome_lines(rules: DocumentPaths, code: CodeBuilder) -> list[str]:
    """The lines, in the function's body, that turn the roles' values into its outcome."""
    return [*_errors(rules, code), *_events(rules, code), *_stop(rules, code)]


def _multiple(rules: DocumentPaths, role: str) -> bool:
    """Whether a role collects a list of matches, rather than one value or MISSING."""
    return not rules.paths[role].singular


def _errors(rules: DocumentPaths, code: CodeBuilder) -> list[str]:
    lines = []
    guard = ""
    if "when" in rules.paths:
        # A message is an error only where the condition's value is one of the spec's.
        lines.append(f"    reports = {code.use('json_one_of')}(when, {literal(rules.error_when)})")
        guard = "reports and "
    for role in (role for role in rules.paths if role == "error" or role.startswith("error_")):
        if _multiple(rules, role):
            lines += [
                f"    for message in {role}:",
                f"        if {guard}message is not None:",
                "            return message, False",
            ]
        else:
            lines += [
                f"    if {guard}{role} is not None and {role} is not {code.use('MISSING')}:",
                f"        return {role}, False",
            ]
    return lines


def _events(rules: DocumentPaths, code: CodeBuilder) -> list[str]:
    lines = []
    guard = ""
    if "filter" in rules.paths:
        # The document's text counts only when the filter's value is one of the spec's.
        lines.append(
            f"    counts = {code.use('json_one_of')}(filter, {literal(rules.filter_values)})"
        )
        guard = "counts and "
    for role, wrapper in _TEXT_ROLES.items():
        if role in rules.paths:
            lines += _each(rules, role, partial(_text, rules, role, wrapper, code, guard))
    if "tool_calls" in rules.paths:
        lines += _each(rules, "tool_calls", partial(_tool_call, rules, code))
    lines += _usage(rules, code)
    if "finish_reason" in rules.paths:
        lines += _each(rules, "finish_reason", partial(_finish, rules, code))
    return lines


def _each(rules: DocumentPaths, role: str, body: Callable[[str], list[str]]) -> list[str]:
    """``body`` for the value of a role, or for each of its matches (``value``)."""
    if _multiple(rules, role):
        return [f"    for value in {role}:", *(f"        {line}" for line in body("value"))]
    return [f"    {line}" for line in body(role)]


def _text(
    rules: DocumentPaths,
    role: str,
    wrapper: str | None,
    code: CodeBuilder,
    guard: str,
    value: str,
) -> list[str]:
    """The lines that add a text role's ``value``; ``guard`` is a test before each (``counts
    and ``: the filter's)."""

    def wrap(text: str) -> str:
        return text if wrapper is None else f"{code.use(wrapper)}({text})"

    if not rules.convert_non_string:
        return [f"if {guard}type({value}) is str and {value}:", f"    items.append({wrap(value)})"]
    test = f"{value} is not None"
    if not _multiple(rules, role):
        test += f" and {value} is not {code.use('MISSING')}"
    return [
        f"if {guard}type({value}) is str:",
        f"    if {value}:",
        f"        items.append({wrap(value)})",
        f"elif {guard}{test}:",
        f"    items.append({wrap(code.use('json_text') + f'({value})')})",
    ]


def _tool_call(rules: DocumentPaths, code: CodeBuilder, value: str) -> list[str]:
    # Like empty text, null and an empty list or object carry no tool call.
    test = f"{value} not in (None, [], {{}})"
    if not _multiple(rules, "tool_calls"):
        test = f"{value} is not {code.use('MISSING')} and {test}"
    return [f"if {test}:", f"    items.append({code.use('ToolCallDelta')}({value}))"]


def _finish(rules: DocumentPaths, code: CodeBuilder, value: str) -> list[str]:
    lines = [
        f"if isinstance({value}, str) and {value}:",
        f"    items.append({code.use('Finish')}({value}))",
    ]
    return [*lines, "    break"] if _multiple(rules, "finish_reason") else lines


def _usage(rules: DocumentPaths, code: CodeBuilder) -> list[str]:
    counts = [role for role in ("input_tokens", "output_tokens") if role in rules.paths]
    if not counts:
        return []
    # Most documents report no usage: one test passes over the block then.
    found = " or ".join(
        role if _multiple(rules, role) else f"{role} is not {code.use('MISSING')}"
        for role in counts
    )
    lines = [f"    if {found}:"]
    for role in counts:
        if _multiple(rules, role):
            lines += [
                f"        {role}_count = None",
                f"        for value in {role}:",
                "            if type(value) is int:",
                f"                {role}_count = value",
                "                break",
            ]
        else:
            lines.append(f"        {role}_count = {role} if type({role}) is int else None")
    test = " or ".join(f"{role}_count is not None" for role in counts)
    arguments = ", ".join(
        f"{role}_count" if role in counts else "None" for role in ("input_tokens", "output_tokens")
    )
    return [
        *lines,
        f"        if {test}:",
        f"            items.append({code.use('Usage')}({arguments}))",
    ]


def _stop(rules: DocumentPaths, code: CodeBuilder) -> list[str]:
    if "stop" not in rules.paths:
        return ["    return None, False"]
    equals = code.use("json_equals")
    expected = literal(rules.stop_equals)
    if _multiple(rules, "stop"):
        return [f"    return None, any({equals}(value, {expected}) for value in stop)"]
    return [f"    return None, {equals}(stop, {expected})"]
