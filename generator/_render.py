"""Typed module descriptions in, formatted Python source out: Jinja lays out, ruff formats."""

from __future__ import annotations

import subprocess
from functools import cache
from typing import Any

import jinja2
from ruff.__main__ import find_ruff_bin

__all__ = ["LINE_LENGTH", "FormatError", "format_source", "render", "template"]

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


def render(name: str, **context: Any) -> str:
    """Template ``name`` rendered with ``context``, then formatted by ruff."""
    return format_source(template(name).render(**context))


def format_source(source: str) -> str:
    """``source`` with imports sorted and formatted by the pinned ruff.

    Settings are fixed here, not read from any configuration file, so the output does not
    depend on where the generator runs.
    """
    settings = [f"--line-length={LINE_LENGTH}", "--target-version=py311", "--isolated"]
    stdin = ["--stdin-filename=provider.py", "-"]
    sorted_imports = _ruff(
        ["check", "--select=I", "--fix-only", "--exit-zero", *settings, *stdin], source
    )
    return _ruff(["format", *settings, *stdin], sorted_imports)


def _ruff(arguments: list[str], source: str) -> str:
    command = [find_ruff_bin(), *arguments]
    result = subprocess.run(command, input=source, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise FormatError(f"ruff {arguments[0]} failed on a rendered module:\n{result.stderr}")
    return result.stdout
