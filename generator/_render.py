"""Render a :class:`ProviderSpec` into formatted Python source."""

from __future__ import annotations

import subprocess
from functools import cache

import jinja2
from ruff.__main__ import find_ruff_bin

from ._codegen import Expressions, annotation, comment, literal
from ._model import ProviderSpec

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


def render_provider(spec: ProviderSpec) -> str:
    """The module's source, formatted by ruff; byte-identical for the same spec."""
    expressions = Expressions(spec)
    headers = [(name, expressions.text(value)) for name, value in spec.headers]
    body = expressions.body(spec)
    paths = spec.response.paths()
    framing_imports = {"sse": "SSEFraming", "ndjson": "NDJSONFraming", "text": "TextFraming"}
    imports = [framing_imports[spec.response.framing]]
    if spec.response.framing != "text":
        imports.append("JSONRules")
    if any(path.singular and path.steps for path in paths.values()):
        imports.append("MISSING")
    message_imports = ["Message"]
    message_imports += [
        function
        for placeholder, function in (
            ("prompt", "format_prompt"),
            ("last_user_message", "last_user_message"),
        )
        if placeholder in expressions.used
    ]
    source = template("provider.py.jinja").render(
        spec=spec,
        headers=headers,
        body=body,
        paths=paths,
        used=expressions.used,
        fallback_paths=[p for p in paths.values() if not p.singular],
        framing_imports=imports,  # format_source sorts them
        message_imports=message_imports,
        literal=literal,
        comment=comment,
        annotation=annotation,
    )
    return format_source(source)


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
