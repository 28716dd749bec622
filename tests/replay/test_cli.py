"""``python -m replay``: serve and play from the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from replay import load_recording
from replay._cli import main, parser

from ..conftest import ROOT
from .conftest import BODY, TARGET, broken, recording_data, write


def serve(argv: list[str]) -> argparse.Namespace:
    return parser().parse_args(["serve", *argv])


def test_serve_arguments_parse() -> None:
    args = serve(
        ["a.json", "dir", "--port", "0", "--pace", "--status", "429", "--stall-after", "5"]
    )
    assert args.recordings == [Path("a.json"), Path("dir")]
    assert (args.port, args.pace, args.status, args.stall_after) == (0, True, 429, 5)
    assert (args.truncate_after, args.reset_after, args.drip, args.html) == (
        None,
        None,
        None,
        False,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["a.json", "--stall-after", "1", "--reset-after", "2"],
        ["a.json", "--status", "500", "--html"],
        ["a.json", "--truncate-after", "-1"],
        ["a.json", "--drip", "-0.5"],
        ["a.json", "--drip", "nan"],
        ["a.json", "--drip", "inf"],
        ["a.json", "--drip", "3601"],  # longer than an hour between bytes: a hang
        ["a.json", "--status", "1000"],
        ["a.json", "--status", "101"],
        ["a.json", "--status", "204"],
        [],
    ],
)
def test_serve_rejects_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        serve(argv)
    assert caught.value.code == 2
    capsys.readouterr()


def test_serve_bad_recording_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, broken(["response", "status"], ...))
    assert main(["serve", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{path}: response.status: missing\n"
    assert captured.out == ""


async def test_serve_prints_routes_serves_and_stops_on_ctrl_c(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    for provider in ("one", "two"):
        (tmp_path / provider).mkdir()
        write(tmp_path / provider, recording_data())
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "replay",
        "serve",
        str(tmp_path / "one"),
        str(tmp_path / "two"),
        "--port",
        "0",
        "--truncate-after",
        "10",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        lines = [await asyncio.wait_for(process.stdout.readline(), 10) for _ in range(2)]
        names = [line.decode().split()[0] for line in lines]
        assert names == ["one-chat", "two-chat"]
        method, url = lines[0].decode().split()[1:]
        assert method == "POST"
        assert url.startswith("http://127.0.0.1:") and url.endswith(f"/one-chat{TARGET}")
        async with session.post(url, json={}) as response:
            assert await response.read() == BODY[:10]
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 10)
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()
    assert process.returncode == 0
    assert b"Traceback" not in stderr


# The play command


def play(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "replay", "play", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def test_play_streams_a_recording_through_its_provider() -> None:
    result = play("generated.codelink_ava", "recordings/codelink_ava/multiline.json", "--no-pace")
    expected = load_recording(ROOT / "recordings" / "codelink_ava" / "multiline.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "".join(expected.expect["deltas"]) + "\n"  # type: ignore[arg-type]
    assert result.stderr.startswith("[CodeLinkAva <- recordings/codelink_ava/multiline.json on ")


def test_play_points_every_origin_of_a_flow_at_the_server() -> None:
    # Bing makes its conversation on www.bing.com, then talks over a WebSocket to
    # sydney.bing.com: both are served, and nothing is asked of the internet.
    result = play("generated.bing", "recordings/bing/hello.json", "--no-pace")
    expected = load_recording(ROOT / "recordings" / "bing" / "hello.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "".join(expected.expect["deltas"]) + "\n"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("module", "recording", "variable"),
    [
        ("gemini", "haiku_parts", "GEMINI_API_KEY"),  # in the URL's query
        ("anthropic_messages", "bonjour", "ANTHROPIC_API_KEY"),  # in a header
    ],
)
def test_play_needs_no_secret_variable_set(
    module: str,
    recording: str,
    variable: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(variable, raising=False)
    path = ROOT / "recordings" / module / f"{recording}.json"
    expected = load_recording(path)
    assert main(["play", f"generated.{module}", str(path), "--no-pace"]) == 0
    out, err = capsys.readouterr()
    assert out == "".join(expected.expect["deltas"]) + "\n"  # type: ignore[arg-type]
    assert f"[{variable} is not set: play sends a placeholder, which the replay takes]" in err
    assert variable not in os.environ  # set for the play only


def test_play_reports_the_providers_error_in_one_line() -> None:
    result = play("generated.codelink_ava:CodeLinkAva", "recordings/codelink_ava/server_error.json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: CodeLinkAva: HTTP 500")


@pytest.mark.parametrize(
    "provider, message",
    [
        ("no_such_module", "error: cannot import 'no_such_module': No module named"),
        ("generated.codelink_ava:Nope", "error: 'generated.codelink_ava' has no provider 'Nope'"),
        ("generated.codelink_ava:Endpoint", "error: 'generated.codelink_ava' has no provider"),
        ("generated", "error: 'generated' defines 0 providers; name one: MODULE:CLASS"),
    ],
)
def test_play_names_a_provider_it_cannot_find(
    provider: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ROOT / "recordings" / "codelink_ava" / "hello.json"
    assert main(["play", provider, str(path)]) == 1
    assert capsys.readouterr().err.startswith(message)


DEEP = "[" * 200 + "]" * 200
TOO_DEEP_TO_READ = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("command", "body", "origin", "message"),
    [
        (["serve"], TOO_DEEP_TO_READ, '"*"', "(file): JSON nested too deeply to be read"),
        (["play", "generated.codelink_ava"], DEEP, '"*"', "request: JSON nested deeper"),
        (
            ["play", "generated.codelink_ava"],
            "{}",
            '"*\\r\\nX-Injected: 1"',
            "response.headers.Access-Control-Allow-Origin: holds a control character",
        ),
    ],
    ids=["serve-recursion", "play-deep", "play-header"],
)
def test_a_recording_that_cannot_be_served_is_refused_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    body: str,
    origin: str,
    message: str,
) -> None:
    data = json.loads((ROOT / "recordings" / "codelink_ava" / "hello.json").read_bytes())
    data["request"]["json"] = "BODY"
    data["response"]["headers"]["Access-Control-Allow-Origin"] = "ORIGIN"
    text = json.dumps(data).replace('"BODY"', body).replace('"ORIGIN"', origin)
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    assert main([*command, str(path)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith((f"{path}: {message}", f"error: {path}: {message}"))


def test_play_needs_to_know_how_the_recording_was_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, recording_data())
    assert main(["play", "generated.codelink_ava", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: expect.call: missing: how was the provider called?\n"
    )


@pytest.mark.parametrize("option", ["base_url", "proxy", "session", "timeout", "max_retries"])
def test_play_decides_how_to_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    data = recording_data()
    data["expect"]["call"] = {"model": "m", "messages": [], "kwargs": {option: "http://x"}}
    path = write(tmp_path, data)
    assert main(["play", "generated.codelink_ava", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: expect.call.kwargs: a recording cannot set {option}: only "
        "CodeLinkAva's own parameters (temperature) and body fields; play decides how to call\n"
    )


def test_play_takes_only_the_parameters_a_provider_declares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = recording_data()
    kwargs = {
        "temperature": 0.1,
        "top_k": 3,
    }  # Gemini takes no keyword argument it does not declare
    data["expect"]["call"] = {"model": "m", "messages": [], "kwargs": kwargs}
    path = write(tmp_path, data)
    assert main(["play", "generated.gemini", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: expect.call.kwargs: a recording cannot set top_k: only Gemini's own "
        "parameters (max_tokens, temperature); play decides how to call\n"
    )


def test_play_reports_a_call_that_does_not_fit_the_provider(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = recording_data()
    data["expect"]["call"] = {"model": "m", "messages": [], "kwargs": {}}  # max_tokens missing
    path = write(tmp_path, data)
    assert main(["play", "generated.anthropic_messages", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"error: {path}: expect.call: does not fit AnthropicMessages.create_async_generator(): "
        "missing a required argument: 'max_tokens'"
    )
    assert "Traceback" not in err
