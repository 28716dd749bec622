"""Spec values are data: any text in a spec reaches the module as a literal, never as code."""

from __future__ import annotations

import io
import json
import re
import subprocess
import tokenize
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruff.__main__ import find_ruff_bin

from generator import load_specs, render_provider

from ..conftest import ROOT
from .conftest import GOLDEN, BuiltPackage

ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
# Header values cannot hold line breaks or NUL (the validator refuses them; see test_spec_errors).
# A header value holds no control character but the tab (HTTP allows none).
HEADER_CONTROLS = "".join(chr(code) for code in [*range(0x20), 0x7F] if code != 0x09)
HEADER_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters=HEADER_CONTROLS), max_size=40
)
URL_PATH = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Z"], blacklist_characters="#?%$"), max_size=20
)
# The kinds of text most likely to break generated source, mixed into the strategies above.
NASTY = st.sampled_from(
    [
        '"""',
        "'''",
        "\\",
        '\\"',
        "{{ x }}",
        "{% if %}",
        "#",
        "\n",
        "\x0c",
        "\u2028",
        "${x}",
        "$${",
        "}",
    ]
)
TEXT = st.lists(ANY_TEXT | NASTY, max_size=4).map("".join)
HEADER = st.lists(
    HEADER_TEXT | NASTY.filter(lambda s: not any(c in HEADER_CONTROLS for c in s)), max_size=4
).map("".join)


def literal_text(text: str) -> str:
    """Spec text that means ``text`` itself: ``${`` written as ``$${``."""
    return text.replace("${", "$${")


class Capture:
    """Stands in for a module's endpoint, to see the headers and body a call builds."""

    def stream(self, headers: dict[str, str], body: Any, **options: Any) -> tuple[Any, Any]:
        return headers, body


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    description=TEXT,
    model=TEXT,
    header=HEADER,
    body_key=TEXT,
    body_value=TEXT,
    url_path=URL_PATH,
    parameter_help=TEXT,
)
def test_any_text_compiles_passes_ruff_and_comes_back_exactly(
    tmp_path: Path,
    built: BuiltPackage,
    description: str,
    model: str,
    header: str,
    body_key: str,
    body_value: str,
    url_path: str,
    parameter_help: str,
) -> None:
    assume(body_key not in ("temperature", "nested"))
    url = "https://api.probe.example/" + url_path
    spec = {
        "version": 1,
        "provider": {
            "class": "Probe",
            "module": "probe",
            "description": description,
            "url": "https://probe.example",
            "working": True,
            "default_model": model,
            "models": [model],
        },
        "request": {
            "url": url,
            "headers": {"X-Probe": literal_text(header)},
            "parameters": {
                "temperature": {"type": "float", "default": 0.5, "description": parameter_help}
            },
            "body": {
                body_key: literal_text(body_value),
                "nested": [{"deep": literal_text(body_value)}, 1.5, None],
                "temperature": "${temperature}",
            },
        },
        "response": {"framing": "sse", "delta": "$.t"},
    }
    text = yaml.safe_dump(spec, allow_unicode=True)
    assume(yaml.safe_load(text) == spec)  # only what YAML itself can carry
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")

    [spec] = load_specs([path], tmp_path)
    source = render_provider(spec)

    lint = subprocess.run(
        [find_ruff_bin(), "check", "--stdin-filename=generated/probe.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout
    module = built.load(source, "probe")
    assert module.Probe.description == description
    assert module.Probe.models == (model,)
    assert module._ENDPOINT.url == url
    module._ENDPOINT = Capture()
    headers, body = module.Probe.create_async_generator("", [])
    assert headers == {"X-Probe": header}
    assert body == {
        body_key: body_value,
        "nested": [{"deep": body_value}, 1.5, None],
        "temperature": 0.5,
    }
    headers, body = module.Probe.create_async_generator("m", [], temperature=1.0)
    assert body["temperature"] == 1.0
    assert module.Probe.default_model == model


def test_spec_text_is_never_rendered_as_a_template(tmp_path: Path, built: BuiltPackage) -> None:
    text = (GOLDEN / "specs" / "kitchen_sink.yaml").read_text(encoding="utf-8")
    path = tmp_path / "kitchen_sink.yaml"
    path.write_text(text, encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    module = built.load(render_provider(spec), "kitchen_sink_probe")
    assert module.KitchenSink.description == (
        'Quotes \' " and a backslash \\ stay data, as does """ and {{ jinja }}.'
    )


@pytest.mark.parametrize(
    "text", ["ruff: noqa", "type: ignore", "fmt: off", "isort: skip_file", "pragma: no cover"]
)
def test_spec_text_never_forms_a_tool_directive(tmp_path: Path, text: str) -> None:
    spec = (GOLDEN / "specs" / "kitchen_sink.yaml").read_text(encoding="utf-8")
    spec = spec.replace('description: "Upper bound on tokens."', f'description: "{text}"')
    path = tmp_path / "kitchen_sink.yaml"
    path.write_text(spec, encoding="utf-8")
    [loaded] = load_specs([path], tmp_path)
    source = render_provider(loaded)
    directive = re.compile(r"#.*\b(ruff|type|fmt|isort|pragma)\s*:", re.IGNORECASE)
    assert not [line for line in source.splitlines() if directive.search(line)]
    assert f"# {text.replace(':', ' -', 1)}" in source


@pytest.mark.parametrize(
    "path",
    [
        "$['a # ruff: noqa # ']",  # compiled to lookups
        "$['a # fmt: off # ', 'b']",  # a union: left to jsonpath-ng
    ],
)
def test_a_jsonpath_never_forms_a_tool_directive(tmp_path: Path, path: str) -> None:
    spec = (GOLDEN / "specs" / "kitchen_sink.yaml").read_text(encoding="utf-8")
    spec = spec.replace("delta: $.choices[*].text", f'delta: "{path}"')
    (tmp_path / "kitchen_sink.yaml").write_text(spec, encoding="utf-8")
    [loaded] = load_specs([tmp_path / "kitchen_sink.yaml"], tmp_path)
    source = render_provider(loaded)
    comments = [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    assert any("\"$['a # " in comment for comment in comments)
    assert not [text for text in comments if re.search(r"\b(ruff|fmt)\s*:", text)]


# Every form of comment a linter, type checker, coverage tool or formatter obeys, as spec text
# may spell it: alone, after other words, after a `#` of its own, without its colon.
DIRECTIVES = [
    "noqa",
    "noqa: F401",
    "NOQA:E501",
    "see # noqa",
    "x #noqa:F401",
    "ruff: noqa",
    "flake8: noqa: F401",
    "ruff: isort: skip_file",
    "ruff: disable[E501]",
    "isort:skip",
    "fmt: off",
    "x # fmt: skip",
    "yapf: disable",
    "autopep8: off",
    "type: ignore",
    "x # type: ignore[misc]",
    "type: int",
    "mypy: ignore-errors",
    "pyright: ignore",
    "pylint: disable=all",
    "pragma: no cover",
    "pragma no cover",
    "x # PRAGMA NOCOVER",
    "pragma: no branch",
    "nosec",
    "pyre-ignore",
    "noinspection PyTypeChecker",
]

# How each tool finds its directives in a comment (coverage's and Python's own patterns, the
# others as their parsers read them): a generated comment must match none.
TOOL_PATTERNS = {
    "ruff, flake8 noqa": r"#\s*noqa",
    "ruff, flake8 file-wide": r"#\s*(ruff|flake8)\s*:",
    "isort": r"#\s*isort\s*:",
    "ruff format, black": r"#\s*fmt\s*:",
    "yapf, autopep8": r"#\s*(yapf|autopep8)\s*:",
    "mypy type comment": r"^#\s*type\s*:",
    "mypy inline configuration": r"#\s*mypy\s*:",
    "pyright": r"#\s*pyright\s*:",
    "pylint": r"#.*\bpylint\s*:",
    "coverage": r"#\s*(pragma|PRAGMA)[:\s]?\s*(no|NO)\s*(cover|COVER|branch|BRANCH)",
    "bandit": r"#\s*nosec",
    "pyre": r"#\s*pyre-",
    "PyCharm": r"#\s*noinspection",
}

ENCODING_DECLARATION = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
"""Python's own (PEP 263): read on a module's first two lines."""


KEYS_WITH_DIRECTIVES = [
    "a # noqa",
    "b # noqa: F401",
    "# type: ignore",
    "# pragma no cover",
    "x # fmt: skip",
    "# nosec",
]
"""Keys of the JSONPaths, each a directive: quoted in the comments of the walk and the shapes."""


def directive_spec(descriptions: list[str], keys: list[str]) -> str:
    """A spec with ``descriptions`` as its parameters' and ``keys`` in its JSONPaths."""
    parameters = "\n".join(
        f"    p{number}: {{type: str, default: null, description: {json.dumps(text)}}}"
        for number, text in enumerate(descriptions)
    )
    body = ", ".join(f"p{number}: '${{p{number}}}'" for number in range(len(descriptions)))
    delta, reasoning, finish, tokens_in, tokens_out, error = keys
    return f"""\
version: 2
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true}}
request:
  url: https://api.probe.example/chat
  parameters:
{parameters}
  body: {{{body}}}
response:
  framing: sse
  delta: "$['{delta}'].text"
  reasoning: "$['{reasoning}', 'c']"
  finish_reason: "$['{finish}'].x"
  usage: {{input_tokens: "$['{tokens_in}']", output_tokens: "$['{tokens_out}']"}}
  error: {{message: "$['{error}'].m"}}
"""


def ruff_findings(source: str) -> str:
    """Everything ruff reports on ``source`` with every rule on, warnings included."""
    rules = ["--select", "ALL", "--ignore", "E501,ERA001", "--output-format", "concise"]
    lint = subprocess.run(
        [find_ruff_bin(), "check", "--isolated", *rules, "--stdin-filename", "probe.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    return lint.stdout + lint.stderr


def test_no_spec_text_forms_a_directive_any_tool_reads(tmp_path: Path) -> None:
    # The spec's folder names a directive too: it is written into the module's first line.
    folder = tmp_path / "coding=latin-1 # noqa"
    folder.mkdir()
    hostile = folder / "probe.yaml"
    hostile.write_text(directive_spec(DIRECTIVES, KEYS_WITH_DIRECTIVES), encoding="utf-8")
    plain = tmp_path / "probe.yaml"
    plain_keys = [f"key{number}" for number in range(len(KEYS_WITH_DIRECTIVES))]
    plain.write_text(directive_spec(["words"] * len(DIRECTIVES), plain_keys), encoding="utf-8")
    [hostile_spec] = load_specs([hostile], tmp_path)
    [plain_spec] = load_specs([plain], tmp_path)
    source = render_provider(hostile_spec)

    comments = [
        (token.start[0], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    assert sum("noqa" in text.lower() for _, text in comments) > 10  # the text is there
    for line, text in comments:
        for tool, pattern in TOOL_PATTERNS.items():
            assert not re.search(pattern, text, flags=re.IGNORECASE), (tool, text)
        assert line > 2 or not ENCODING_DECLARATION.match(text), text
    assert ruff_findings(source) == ruff_findings(render_provider(plain_spec))
