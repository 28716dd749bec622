"""Each framing: its keys (registered in ``FRAMINGS``), its model, and the runtime's class."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

import pytest

from generator import SPEC_SCHEMA, SpecError, load_specs, render_provider
from generator._spec._response_section import FRAMINGS, FramingKeys

from ..conftest import ROOT
from .conftest import BuiltPackage

SPEC = """\
version: 3
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true}}
request:
{request}
response:
  framing: {framing}
{keys}"""

HTTP_REQUEST = """\
  url: https://api.probe.example/stream
  body: {messages: "${messages}"}"""

SOCKET_REQUEST = """\
  url: wss://api.probe.example/stream
  send: [{json: {messages: "${messages}"}}]"""


def spec_text(framing: str, keys: str = "") -> str:
    if not keys and "delta" in FRAMINGS[framing].properties:
        keys = "  delta: $.text\n"
    request = SOCKET_REQUEST if framing == "websocket" else HTTP_REQUEST
    return SPEC.format(framing=framing, keys=keys, request=request)


def load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    return spec


@pytest.mark.parametrize("name, keys", FRAMINGS.items())
def test_each_framing_is_built_with_its_runtime_class(
    tmp_path: Path, built: BuiltPackage, name: str, keys: type[FramingKeys]
) -> None:
    spec = load(tmp_path, spec_text(name))
    module = built.load(render_provider(spec), f"framing_{name}")  # type: ignore[arg-type]
    framing = module._ENDPOINT.framing
    holder = built.runtime(keys.framing.runtime_module)
    assert type(framing) is getattr(holder, keys.framing.runtime_class)
    assert isinstance(framing, built.runtime("_framings").Framing)
    assert framing.content_types == keys.default_content_types


@pytest.mark.parametrize("name, keys", FRAMINGS.items())
def test_each_framing_is_in_the_runtime_the_schema_and_the_docs(
    name: str, keys: type[FramingKeys]
) -> None:
    assert keys.framing.name == name
    holder = importlib.import_module(f"generator.runtime.{keys.framing.runtime_module}")
    assert keys.framing.runtime_class in holder.__all__
    response = SPEC_SCHEMA["properties"]["response"]["properties"]
    assert name in response["framing"]["enum"]
    assert set(keys.properties) <= set(response)
    docs = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
    assert f"`{name}`" in docs


@pytest.mark.parametrize(
    "framing, keys, message",
    [
        (
            "text",
            "  delta: $.t\n",
            "response.delta: only for framing sse, ndjson, json_array, json, websocket or "
            "aws_eventstream, not text",
        ),
        (
            "text",
            "  max_event_size: 10\n",
            "response.max_event_size: only for framing sse, ndjson, json_array, websocket or "
            "aws_eventstream, not text",
        ),
        (
            "text",
            "  stop: {data: x, path: $.done}\n",
            "response.stop: only for framing sse, ndjson, json_array, json, websocket or "
            "aws_eventstream, not text",
        ),
        (
            "ndjson",
            "  delta: $.t\n  error: {event: failed}\n",
            "response.error.event: only for framing sse, not ndjson",
        ),
        (
            "ndjson",
            "  delta: $.t\n  events: [a]\n",
            "response.events: only for framing sse or aws_eventstream, not ndjson",
        ),
    ],
)
def test_a_key_another_framing_reads_is_named_with_its_framings(
    tmp_path: Path, framing: str, keys: str, message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, spec_text(framing, keys))
    assert [d.message for d in caught.value.diagnostics] == [message.partition(": ")[2]]
    assert [d.key_path for d in caught.value.diagnostics] == [message.partition(": ")[0]]


@pytest.mark.parametrize("name, keys", FRAMINGS.items())
def test_the_model_gives_only_arguments_its_runtime_class_takes(
    tmp_path: Path, name: str, keys: type[FramingKeys]
) -> None:
    """The model writes the runtime class's arguments by name: each must be one of its fields."""
    spec = load(tmp_path, spec_text(name))
    holder = importlib.import_module(f"generator.runtime.{keys.framing.runtime_module}")
    runtime_class = getattr(holder, keys.framing.runtime_class)
    taken = {field.name for field in dataclasses.fields(runtime_class)}
    given = {argument for argument, _ in spec.framing.runtime_arguments()}  # type: ignore[attr-defined]
    assert given <= taken
