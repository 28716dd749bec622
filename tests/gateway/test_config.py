"""``serve --config FILE``: settings a deployment keeps in YAML, the flags winning over them,
each mistake told at its line and column; docs/gateway-config.schema.json describes the same
file for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp
import jsonschema
import pytest
import yaml

import generated
from generated._runtime._gateway import ServeError, gunicorn_app, serve_command
from generated._runtime._gateway_config import load_config
from replay import ReplayServer

from ..conftest import ROOT
from .conftest import HELLO, HELLO_TEXT, USER, chunks, gateway_process, streamed_text

SCHEMA = json.loads((ROOT / "docs" / "gateway-config.schema.json").read_text(encoding="utf-8"))
GATEWAY_KEY = "config-test-key"


def written(folder: Path, text: str) -> Path:
    path = folder / "gateway.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_gateway_runs_from_its_file_with_the_flags_winning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIG_TEST_KEY", GATEWAY_KEY)
    async with ReplayServer() as replay:
        served = replay.base_url(replay.add(HELLO))
        config = written(
            tmp_path,
            """\
port: 1                     # the flag's 0 wins
api_key_env: CONFIG_TEST_KEY
keepalive_timeout: 2
providers:
  CodeLinkAva: {base_url: "http://127.0.0.1:9/overridden"}
models:
  fast: [OpenaiChat/gpt-4o-mini, CodeLinkAva/gpt-3.5-turbo]
""",
        )
        assert jsonschema.validate(yaml.safe_load(config.read_text()), SCHEMA) is None
        flags = ("--config", str(config), "--base-url", f"CodeLinkAva={served}")
        flags += ("--base-url", "OpenaiChat=http://127.0.0.1:9")  # refused: falls over
        async with gateway_process(*flags) as (_, url), aiohttp.ClientSession() as session:
            body = {"model": "fast", "messages": USER, "stream": True}
            headers = {"Authorization": f"Bearer {GATEWAY_KEY}"}
            async with session.post(
                f"{url}/v1/chat/completions", json=body, headers=headers
            ) as response:
                status, served_by = response.status, response.headers["X-Served-By"]
                text = streamed_text(chunks(await response.read()))
    assert (status, served_by, text) == (200, "CodeLinkAva/gpt-3.5-turbo", HELLO_TEXT)


MISTAKES = {
    "unknown key": ("hots: 1.2.3.4\n", "1:1: unknown key 'hots' in the file; did you mean host?"),
    "port as text": ("port: eighty\n", "1:7: port must be an integer"),
    "port out of range": ("port: 70000\n", "1:7: port must be from 0 to 65535"),
    "insecure as text": ("insecure: 'yes'\n", "1:11: insecure must be true or false"),
    "keep-alive of 0": ("keepalive_timeout: 0\n", "1:20: keepalive_timeout must be 0.001 or more"),
    "twice": ("host: a\nhost: b\n", "2:1: 'host' is given twice in the file"),
    "no provider": (
        "providers:\n  CodeLinkAv: {base_url: 'http://x'}\n",
        "2:3: no provider 'CodeLinkAv'; did you mean CodeLinkAva?",
    ),
    "a provider's unknown key": (
        "providers:\n  CodeLinkAva: {base: 'http://x'}\n",
        "2:17: unknown key 'base' in provider CodeLinkAva",
    ),
    "a base URL that is no URL": (
        "providers:\n  CodeLinkAva: {base_url: 'ftp://x'}\n",
        "2:27: base_url must be an http(s) URL, or origins mapped to them",
    ),
    "a route to no provider": (
        "models:\n  fast: [CodeLinkAva, Nope/x]\n",
        "2:23: no provider 'Nope'",
    ),
    "a route of none": ("models:\n  fast: []\n", "2:9: model 'fast' names no provider"),
    "an order of none": (
        "models:\n  fast: {targets: [CodeLinkAva], order: random}\n",
        "2:41: order must be in_turn or recent_success",
    ),
    "a route's unknown key": (
        "models:\n  fast: {target: [CodeLinkAva]}\n",
        "2:10: unknown key 'target' in model fast; did you mean targets?",
    ),
    "no mapping": ("- a\n", "1:1: the file must be a mapping"),
    "a tag its value cannot be": ('port: !!int "abc"\n', "1:7: cannot read 'abc' as its tag says"),
    "a Python tag": ("host: !!python/name:os.system\n", "1:7: cannot read"),
    "an endless keep-alive": (
        "keepalive_timeout: .inf\n",
        "1:20: keepalive_timeout must be a number",
    ),
    "an empty host": ("host: ''\n", "1:7: host must not be empty"),
    "origins of none": (
        "providers:\n  CodeLinkAva: {base_url: {}}\n",
        "2:27: base_url maps no origin",
    ),
    "an origin that is no origin": (
        "providers:\n  CodeLinkAva: {base_url: {'not a url': 'http://x'}}\n",
        "2:28: 'not a url' is no origin: give scheme://host",
    ),
    "not YAML": ("host: [\n", "2:1: not YAML: expected the node content"),
}


@pytest.mark.parametrize(("text", "message"), MISTAKES.values(), ids=MISTAKES)
def test_a_mistake_is_told_at_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = written(tmp_path, text)
    status = serve_command(generated._REGISTRY, ["--config", str(config)], "serve")
    assert status == 2
    assert capsys.readouterr().err.startswith(f"serve: error: {config}:{message}")


READ_ALIKE = [
    text
    for name, (text, _) in MISTAKES.items()
    if name
    not in (
        "no provider",
        "a route to no provider",
        "not YAML",
        "twice",
        "a Python tag",
        "an endless keep-alive",
        "an empty host",
        "an origin that is no origin",
        "a tag its value cannot be",
    )
]
"""The mistakes a schema can see: not which providers a package has, nor a YAML document's
syntax, nor a key given twice (YAML keeps the last)."""


@pytest.mark.parametrize("text", READ_ALIKE)
def test_the_schema_refuses_what_the_reader_refuses(text: str) -> None:
    data: Any = yaml.safe_load(text)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_gunicorn_reads_the_same_file(tmp_path: Path) -> None:
    config = written(tmp_path, "models:\n  fast: [CodeLinkAva]\n")
    assert gunicorn_app("generated", config=str(config)) is not None
    with pytest.raises(ServeError, match="1:1: unknown key 'model'"):
        gunicorn_app("generated", config=str(written(tmp_path, "model: x\n")))


def test_a_route_may_be_ordered_by_recent_success(tmp_path: Path) -> None:
    text = "models:\n  spread: {targets: [CodeLinkAva, OpenaiChat/gpt-4o-mini], order: recent_success}\n"
    config = load_config(written(tmp_path, text), generated._REGISTRY)
    assert config.routes == {"spread": ("CodeLinkAva", "OpenaiChat/gpt-4o-mini")}
    assert config.balanced == {"spread"}
    assert jsonschema.validate(yaml.safe_load(text), SCHEMA) is None
