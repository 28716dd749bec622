"""Load a YAML spec, keeping the line and column of every key and value.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two equal keys. Here the
document is composed into nodes with the safe loader (no tags that construct objects), converted
to plain data by hand, and every key path is mapped to where it was written.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ._diagnostics import Diagnostic, KeyPath, SpecError, format_key_path

__all__ = ["MAX_VALUES", "Positions", "load_yaml", "yaml_value"]


@dataclass
class Positions:
    """Where each key path was written: the value's position, and for mapping keys the key's."""

    file: str
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: KeyPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest written ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key that ends ``path``, falling back to its value."""
        return self.keys.get(path) or self.of_value(path)

    def diagnostic(self, path: KeyPath, message: str, *, at_key: bool = False) -> Diagnostic:
        line, column = self.of_key(path) if at_key else self.of_value(path)
        return Diagnostic(self.file, line, column, format_key_path(path), message)


_EXCERPT = 40
"""The most of a written value a message quotes."""

MAX_VALUES = 10_000
"""More values than any spec needs; the bound keeps alias bombs from exhausting memory."""

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, loader: yaml.SafeLoader, positions: Positions) -> None:
        self.loader = loader
        self.positions = positions
        self.problems: list[Diagnostic] = []
        self.converted = 0
        self.open_nodes: set[int] = set()  # the nodes being converted, to catch cycles

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        self.positions.values[path] = _mark(node)
        self.converted += 1
        if self.converted > MAX_VALUES:
            # Aliases can make a small file expand into billions of values.
            self._problem(node, path, f"more than {MAX_VALUES} values: is an alias repeated?")
            raise SpecError(self.problems)
        if id(node) in self.open_nodes:
            self._problem(node, path, "a YAML alias refers to a value that contains it")
            return None
        self.open_nodes.add(id(node))
        try:
            return self._convert(node, path)
        finally:
            self.open_nodes.discard(id(node))

    def _convert(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            # The safe loader refuses unknown tags on scalars itself; collections are ours.
            self._problem(node, path, f"YAML tag {node.tag!r} is not allowed in a spec")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node)
        except ValueError:  # an integer of more digits than Python converts
            value = math.nan
        if isinstance(value, float) and not math.isfinite(value):
            shown = node.value if len(node.value) <= _EXCERPT else node.value[:_EXCERPT] + "…"
            self._problem(node, path, f"{shown} is not a number JSON or Python source can hold")
        return value

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                self._problem(key_node, path, f"keys must be strings, got {key!r} (quote it)")
                key = str(key)
            key_path = (*path, key)
            if key in result:
                self._problem(key_node, key_path, "duplicate key")
            self.positions.keys[key_path] = _mark(key_node)
            result[key] = self.convert(value_node, key_path)
        return result

    def _problem(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(
            Diagnostic(self.positions.file, line, column, format_key_path(path), message)
        )


def yaml_value(value: object) -> str:
    """``value`` as a spec would write it (``true``, ``null``, ``'text'``, ``[a, b]``), short.

    A message quotes no more than an excerpt of a value: it may be anything, a secret even.
    """
    text = _yaml_value(value)
    return text if len(text) <= _EXCERPT + 2 else text[:_EXCERPT] + "…"


def _yaml_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _flow(value: object) -> str:
    """A value inside a flow list or mapping: text unquoted, as it is usually written there."""
    return value if isinstance(value, str) else _yaml_value(value)


def _quote_hint(text: str, error: yaml.MarkedYAMLError) -> str:
    """For a value YAML took for an alias or a tag, how to write it as text instead."""
    if error.context == "while scanning an alias":
        mark, what = error.context_mark, "'*' starts a YAML alias"
    elif "constructor for the tag" in (error.problem or ""):
        mark, what = error.problem_mark, "'!' starts a YAML tag"
    else:
        return ""
    if mark is None:
        return ""
    line = text.splitlines()[mark.line][mark.column :]
    # The value ends at a comment, or, inside a flow mapping or list, at its next delimiter.
    value = re.split(r" #|[,\]}]", line, maxsplit=1)[0].strip()[:_EXCERPT]
    return f"; if {value} is text, quote it: {json.dumps(value)} ({what})"


MAX_DEPTH = 32
"""Deeper than any spec needs; the bound keeps the parser's recursion in check."""

_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, found by the scanner, which does not recurse."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = token.start_mark.line + 1, token.start_mark.column + 1
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise SpecError([Diagnostic(file, line, column, "", message)])
        elif isinstance(token, _CLOSING):
            depth -= 1


def _reader_problem(text: str, file: str, error: yaml.reader.ReaderError) -> SpecError:
    """A character YAML cannot read (NUL, say), at its line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    message = f"YAML: character U+{error.character:04X} is not allowed in a spec"
    return SpecError([Diagnostic(file, line, column, "", message)])


def load_yaml(text: str, file: str) -> tuple[Any, Positions]:
    """Parse ``text`` into plain data and its positions; raise SpecError on any YAML problem."""
    positions = Positions(file)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_problem(text, file, error) from None
    try:
        _check_depth(text, file)
        node = loader.get_single_node()
        if node is None:
            raise SpecError([Diagnostic(file, 1, 1, "", "the file is empty")])
        converter = _Converter(loader, positions)
        data = converter.convert(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = ": ".join(p for p in (error.context, error.problem) if p)
        message = f"YAML: {problem}{_quote_hint(text, error)}"
        raise SpecError([Diagnostic(file, line, column, "", message)]) from None
    except yaml.YAMLError as error:
        raise SpecError([Diagnostic(file, 1, 1, "", f"YAML: {error}")]) from None
    finally:
        loader.dispose()
    if converter.problems:
        raise SpecError(converter.problems)
    return data, positions
