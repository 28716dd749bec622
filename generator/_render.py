"""Typed module descriptions in, formatted Python source out: Jinja lays out, ruff formats."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2
from ruff.__main__ import find_ruff_bin

__all__ = ["LINE_LENGTH", "FormatError", "format_sources", "template"]

LINE_LENGTH = 100
"""Same as pyproject.toml's, so ``ruff format --check`` agrees with what was written."""


class FormatError(RuntimeError):
    """ruff could not format the rendered module: a bug in a template, never in a spec."""


@cache
def _environment() -> jinja2.Environment:
    # StrictUndefined: a misspelt name in a template fails the build instead of rendering "".
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template(name: str) -> jinja2.Template:
    """A template from generator/templates."""
    return _environment().get_template(name)


def format_sources(sources: Sequence[tuple[str, str]]) -> list[str]:
    """Each of ``sources`` (a name for messages, and the source) with imports sorted and
    formatted by the pinned ruff, in order.

    ruff runs twice for them all, not twice per module: starting it is most of the time a
    build of hundreds of specs takes. Settings are fixed here, not read from any configuration
    file, so the output does not depend on where the generator runs.
    """
    names: dict[Path, str] = {}
    try:
        for name, source in sources:
            names[_scratch_file(source)] = name
        paths = list(names)
        for start in range(0, len(paths), _FILES_PER_RUN):
            _format_files(paths[start : start + _FILES_PER_RUN], names)
        # Text, as ruff's stdout was read: "\r\n" and "\r" become "\n".
        return [path.read_text(encoding="utf-8") for path in paths]
    finally:
        for path in names:
            path.unlink(missing_ok=True)


def _scratch_file(source: str) -> Path:
    """A new file in the temporary folder holding ``source``, for ruff to rewrite.

    Each is made in the temporary folder itself: on ext4, making hundreds of files in a folder
    just made for them was measured to take six times as long.
    """
    descriptor, name = tempfile.mkstemp(prefix="streamgen-", suffix=".py")
    with os.fdopen(descriptor, "wb") as file:
        # Bytes, as ruff read them from its stdin: no newline is translated on the way in.
        file.write(source.encode("utf-8"))
    return Path(name)


_FILES_PER_RUN = 1000
"""Files named on one ruff command line, well below any system's limit on its length."""

_SETTINGS = [f"--line-length={LINE_LENGTH}", "--target-version=py311", "--isolated", "--no-cache"]
"""ruff's settings for generated code; ``--no-cache``, as it leaves no cache folder behind."""


def _format_files(paths: list[Path], names: dict[Path, str]) -> None:
    """Sort the imports of ``paths``, then format them, in place.

    ruff runs in an empty folder, so whatever is in the caller's working directory cannot make
    it sort an import as first-party.
    """
    with tempfile.TemporaryDirectory(prefix="streamgen-ruff-") as empty:
        _ruff(["check", "--select=I", "--fix-only", "--exit-zero"], paths, names, empty)
        _ruff(["format"], paths, names, empty)


def _ruff(arguments: list[str], paths: list[Path], names: dict[Path, str], folder: str) -> None:
    command = [_ruff_bin(), *arguments, *_SETTINGS, *map(str, paths)]
    result = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode != 0:
        message = result.stderr
        for path in paths:  # the modules by their names, not their scratch files'
            message = message.replace(str(path), names[path])
        raise FormatError(f"ruff {arguments[0]} failed on a rendered module:\n{message}")


@cache
def _ruff_bin() -> str:
    # find_ruff_bin asks sysconfig for several scripts folders on every call (about 2 ms).
    # Absolute, since ruff runs in another folder.
    path: str = find_ruff_bin()
    return os.path.abspath(path)
