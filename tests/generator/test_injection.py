"""Spec values are data: any text in a spec reaches the module as a literal, never as code."""

from __future__ import annotations

import io
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
HEADER_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\0"), max_size=40
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
HEADER = st.lists(HEADER_TEXT | NASTY.filter(lambda s: "\n" not in s), max_size=4).map("".join)


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
