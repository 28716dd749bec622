"""A draft written as a spec: YAML in the spec format's order, with its comments at their keys.

Every value is written by PyYAML's own scalar emitter (``yaml.safe_dump``), so a captured text
stays the text it was whatever it holds; comments are one line each, their line breaks made
spaces, so no captured text can end one and start a key.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .._render import template
from .._spec._formats import LATEST
from ._draft import Draft, KeyPath

__all__ = ["spec_text"]

_INDENT = "  "
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
"""Characters a plain or single-quoted YAML scalar would break a line at, or lose: written
escaped, in double quotes."""


def spec_text(draft: Draft, source: str) -> str:
    """The spec ``draft`` is, made from ``source`` (as the command line named it)."""
    return template("captured_spec.yaml.jinja").render(
        source=_one_line(source),
        version=LATEST,
        undecided=[_one_line(note) for note in draft.comments.undecided],
        provider=_block(_provider(draft), ("provider",), draft, 1),
        steps=_block(
            {step.name: {**step.request, "take": step.take} for step in draft.steps},
            ("steps",),
            draft,
            1,
        ),
        request=_block(draft.request, ("request",), draft, 1),
        response=_block(draft.response or {}, ("response",), draft, 1),
        comments={
            key: [_one_line(text) for text in draft.comments.at.get((key,), [])]
            for key in ("provider", "steps", "request", "response")
        },
    )


def _provider(draft: Draft) -> dict[str, Any]:
    provider: dict[str, Any] = {
        "class": draft.class_name,
        "module": draft.module,
        "description": f"Made from a capture of {draft.site}.",
        "url": draft.site,
        "working": True,
    }
    if draft.call.model:
        provider["default_model"] = draft.call.model
        provider["models"] = [draft.call.model]
    return provider


def _block(value: dict[str, Any], path: KeyPath, draft: Draft, depth: int) -> str:
    """``value``'s keys as block YAML at ``depth``, each key's comments above it."""
    return "\n".join(_mapping_lines(value, path, draft, depth))


def _mapping_lines(value: dict[str, Any], path: KeyPath, draft: Draft, depth: int) -> list[str]:
    lines: list[str] = []
    indent = _INDENT * depth
    for key, inner in value.items():
        here = (*path, str(key))
        lines += [f"{indent}# {_one_line(text)}" for text in draft.comments.at.get(here, [])]
        lines += _entry(f"{indent}{_scalar(key)}:", inner, here, draft, depth)
    return lines


def _entry(head: str, value: Any, path: KeyPath, draft: Draft, depth: int) -> list[str]:
    if isinstance(value, dict) and value:
        return [head, *_mapping_lines(value, path, draft, depth + 1)]
    if isinstance(value, list) and value:
        return [head, *_sequence_lines(value, path, draft, depth + 1)]
    return [f"{head} {_scalar(value)}"]


def _sequence_lines(value: list[Any], path: KeyPath, draft: Draft, depth: int) -> list[str]:
    lines: list[str] = []
    indent = _INDENT * depth
    for index, item in enumerate(value):
        here = (*path, str(index))
        if isinstance(item, dict) and item:
            inner = _mapping_lines(item, here, draft, depth + 1)
            comments = [line for line in inner if line.lstrip().startswith("#")]
            first = len(comments) if inner[: len(comments)] == comments else 0
            lines += [*inner[:first], f"{indent}- {inner[first].lstrip()}", *inner[first + 1 :]]
        elif isinstance(item, list) and item:
            lines += [f"{indent}-", *_sequence_lines(item, here, draft, depth + 1)]
        else:
            lines.append(f"{indent}- {_scalar(item)}")
    return lines


def _scalar(value: Any) -> str:
    """``value`` as one line of YAML: PyYAML's quoting, never folded."""
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, str) and _SPECIAL.search(value):
        return _dumped(value, '"')
    text = _dumped(value, None)
    return text if "\n" not in text else _dumped(value, '"')


def _dumped(value: Any, style: str | None) -> str:
    text = yaml.safe_dump(value, width=float("inf"), allow_unicode=True, default_style=style)
    return text.removesuffix("\n...\n").rstrip("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())
