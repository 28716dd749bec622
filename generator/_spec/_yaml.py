"""Load a YAML spec, keeping the line and column of every key and value.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two equal keys. Here the
document is composed into nodes with the safe loader (no tags that construct objects), converted
to plain data by hand, and every key path is mapped to where it was written.

libyaml's safe loader reads a spec first, where PyYAML has it; a spec it finds any problem in is
read again by the pure-Python one, whose messages and positions the diagnostics are written for.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

from .._diagnostics import Diagnostic, KeyPath, Positions, SpecError, format_key_path

__all__ = ["MAX_VALUES", "load_yaml", "yaml_value"]


_EXCERPT = 40
"""The most of a written value a message quotes."""

MAX_VALUES = 10_000
"""More values than any spec needs; the bound keeps alias bombs from exhausting memory."""

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_TEXT_TAG = "tag:yaml.org,2002:str"


def _short(tag: str) -> str:
    """A standard tag as it is written: ``!!float``."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, positions: Positions) -> None:
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
            value = self._scalar(node)
        except ValueError:  # an integer of more digits than Python converts, or "!!int x"
            value = math.nan
        except (KeyError, TypeError):  # "!!bool x"
            self._problem(node, path, f"{self._excerpt(node)} is not a {_short(node.tag)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._problem(
                node, path, f"{self._excerpt(node)} is not a number JSON or Python source can hold"
            )
        return value

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            try:
                key = self._scalar(key_node)
            except (ValueError, KeyError, TypeError):  # "!!float name:"
                self._problem(
                    key_node, path, f"key {self._excerpt(key_node)} is not a {_short(key_node.tag)}"
                )
                key = str(key_node.value)
            if not isinstance(key, str):
                self._problem(key_node, path, f"keys must be strings, got {key!r} (quote it)")
                key = str(key)
            key_path = (*path, key)
            if key in result:
                self._problem(key_node, key_path, "duplicate key")
            self.positions.keys[key_path] = _mark(key_node)
            result[key] = self.convert(value_node, key_path)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        """What the loader constructs from ``node``, a scalar or a key."""
        if node.tag == _TEXT_TAG and isinstance(node, yaml.ScalarNode):
            # Text is the node's value as written, which is what the loader returns for it;
            # asking the loader costs a third of converting a spec.
            return node.value
        return self.loader.construct_object(node)

    @staticmethod
    def _excerpt(node: yaml.Node) -> str:
        text = str(node.value)
        return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"

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


def _check_depth(text: str, file: str, loader: type[yaml.SafeLoader | yaml.CSafeLoader]) -> None:
    """Refuse nesting deeper than MAX_DEPTH, found by the scanner, which does not recurse."""
    depth = 0
    for token in yaml.scan(text, Loader=loader):
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


_FAST_LOADER: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, if PyYAML was built with it (None if not): it reads a spec, depth
check and conversion included, in a sixth of the pure-Python loader's time or less."""

# Where libyaml reads a file otherwise than the pure-Python loader, found by feeding both tens of
# thousands of altered specs: tabs and byte order marks (found in the text), and a plain scalar
# inside [] or {} that holds "?" (only libyaml accepts it) or is empty (libyaml places it a
# column later; found in the nodes). A file with any of them is left to the pure-Python loader.
_UNLIKE_IN_LIBYAML = ("\t", "\ufeff")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""The characters the pure-Python loader refuses, with its own message for them."""


def load_yaml(text: str, file: str) -> tuple[Any, Positions]:
    """Parse ``text`` into plain data and its positions; raise SpecError on any YAML problem."""
    loaded = None if _FAST_LOADER is None else _load_fast(text, file, _FAST_LOADER)
    return _load(text, file) if loaded is None else loaded


def _load_fast(
    text: str, file: str, loader_class: type[yaml.CSafeLoader]
) -> tuple[Any, Positions] | None:
    """As :func:`load_yaml`, with libyaml; None if it finds any problem at all, or the file is
    one it may read otherwise than the pure-Python loader.

    The pure-Python loader then reads the file again: libyaml words its errors its own way, and
    a diagnostic must not depend on which loader found the problem.
    """
    if any(character in text for character in _UNLIKE_IN_LIBYAML) or _NON_PRINTABLE.search(text):
        return None
    positions = Positions(file)
    loader = loader_class(text)
    try:
        _check_depth(text, file, loader_class)
        node = loader.get_single_node()
        if node is None or _read_unlike_pure_python(node):
            return None
        converter = _Converter(loader, positions)
        data = converter.convert(node, ())
    except Exception:  # whatever it is, the pure-Python loader meets it again and reports it
        return None
    finally:
        loader.dispose()
    return None if converter.problems else (data, positions)


def _read_unlike_pure_python(root: yaml.Node) -> bool:
    """Whether a plain scalar inside [] or {} below ``root`` is empty or holds "?"."""
    stack = [(root, False)]
    seen = set()  # of (node, in a flow collection): an alias can make the graph a huge tree
    while stack:
        node, in_flow = stack.pop()
        if (id(node), in_flow) in seen:
            continue
        seen.add((id(node), in_flow))
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style  # libyaml's plain style is "", the pure-Python loader's None
            if in_flow and plain and (not node.value or "?" in node.value):
                return True
        elif isinstance(node, yaml.MappingNode):
            in_flow = in_flow or bool(node.flow_style)
            stack.extend((child, in_flow) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            in_flow = in_flow or bool(node.flow_style)
            stack.extend((child, in_flow) for child in node.value)
    return False


def _load(text: str, file: str) -> tuple[Any, Positions]:
    positions = Positions(file)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_problem(text, file, error) from None
    try:
        _check_depth(text, file, yaml.SafeLoader)
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
