"""Where specs are read and the package is written: ``[tool.streamgen]``, flags and defaults.

As ruff and pytest find theirs, the configuration is the ``[tool.streamgen]`` table of the
nearest ``pyproject.toml`` that has one, from the working directory upward. Its folder is the
project's root: paths in the table are relative to it, and generated headers and diagnostics
name files relative to it, so output does not depend on where the generator is run from.
"""

from __future__ import annotations

import difflib
import keyword
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

__all__ = ["Config", "ConfigError", "display_path", "find_config", "package_name"]

DEFAULT_SPECS = "specs"
DEFAULT_OUTPUT = "generated"
_KEYS = {
    "specs": "the folder of YAML specs",
    "output": "the folder of the generated package",
    "table": "the Markdown table of the providers that build writes (none by default)",
    "parts": "the runtime's parts the package carries besides its core (none by default)",
}
_PATHS = ("specs", "output", "table")


class ConfigError(Exception):
    """The configuration or the folders it names cannot be used; the message says why."""


@dataclass(frozen=True)
class Config:
    """The project's root, its specs folder and its output package folder (absolute paths)."""

    root: Path
    specs: Path
    output: Path
    pyproject: Path | None = None
    """The ``pyproject.toml`` the settings came from, if one had a ``[tool.streamgen]`` table."""
    table: Path | None = None
    """The Markdown table of the providers that ``build`` writes and ``check`` compares."""
    parts: tuple[str, ...] = ()
    """The runtime's parts the package carries besides its core."""

    def with_flags(
        self,
        specs: Path | None,
        output: Path | None,
        table: Path | None = None,
        parts: tuple[str, ...] | None = None,
    ) -> Config:
        """This configuration with the command line's paths (relative to the working
        directory) and parts.

        The table and the parts configured describe the configured package: with other folders
        (the configured ones, named or reached through a link, are not other) and none of their
        own, there are none.
        """
        elsewhere = (specs is not None and specs.resolve() != self.specs.resolve()) or (
            output is not None and output.resolve() != self.output.resolve()
        )
        if table is None and elsewhere:
            table_path = None
        else:
            table_path = self.table if table is None else _absolute(table)
        if parts is None:
            parts = () if elsewhere else self.parts
        return replace(
            self,
            specs=self.specs if specs is None else _absolute(specs),
            output=self.output if output is None else _absolute(output),
            table=table_path,
            parts=parts,
        )

    def display(self, path: Path) -> str:
        """``path`` as messages and generated headers show it: see :func:`display_path`."""
        return display_path(path, self.root)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when it is below it, else absolute; ``/`` separators."""
    path = _absolute(path)
    try:
        return path.relative_to(_absolute(root)).as_posix()
    except ValueError:
        return path.as_posix()


def _absolute(path: Path) -> Path:
    """``path`` made absolute with ``..`` resolved, links left as they are."""
    return Path(os.path.abspath(path))


def find_config(start: Path) -> Config:
    """The configuration in force in folder ``start``: its project's table, else the defaults."""
    start = _absolute(start)
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _table(pyproject)
            if table is not None:
                return _from_table(pyproject, table)
    return Config(start, start / DEFAULT_SPECS, start / DEFAULT_OUTPUT)


def _table(pyproject: Path) -> dict[str, Any] | None:
    try:
        with pyproject.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read it: {error}") from None
    tool = data.get("tool", {})
    table = tool.get("streamgen") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: tool.streamgen must be a table")
    return table


def _from_table(pyproject: Path, table: dict[str, Any]) -> Config:
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{pyproject}: [tool.streamgen] unknown key {key!r}; {hint}")
    root = pyproject.parent
    defaults = {"specs": DEFAULT_SPECS, "output": DEFAULT_OUTPUT, "table": None}
    paths: dict[str, Path | None] = {}
    for key in _PATHS:
        what = _KEYS[key]
        value = table.get(key, defaults[key])
        if value is None:
            paths[key] = None
        elif not isinstance(value, str) or not value:
            raise ConfigError(f"{pyproject}: [tool.streamgen] {key} must be a path ({what})")
        else:
            paths[key] = _absolute(root / value)
    specs, output = paths["specs"], paths["output"]
    assert specs is not None and output is not None  # they have defaults
    parts = table.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
        raise ConfigError(f"{pyproject}: [tool.streamgen] parts must be a list of part names")
    return Config(root, specs, output, pyproject, paths["table"], tuple(parts))


def package_name(output: Path, root: Path) -> str:
    """The name the package in ``output`` is imported by: the folder's own name."""
    name = output.absolute().resolve().name
    if keyword.iskeyword(name):
        reason = "is a Python keyword"
    elif not name.isidentifier():
        reason = "is not an identifier (use letters, digits and _, not starting with a digit)"
    else:
        return name
    shown = display_path(output, root)
    raise ConfigError(f"the output folder {shown} cannot be a Python package: {name!r} {reason}")
