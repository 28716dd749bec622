"""``python -m replay record``: writes where it says, and a bad call is one line, no traceback."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import stat
import sys
from pathlib import Path

import pytest

from replay import ReplayServer, load_recording
from replay._cli import main

from ..conftest import ROOT
from ..conftest import recording as recorded
from ..upstreams import stalling_upstream

SPECS = ROOT / "specs"


async def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command in a thread (it runs its own event loop): status, stdout, stderr."""
    status = await asyncio.to_thread(main, ["record", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_records_to_out_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = recorded("codelink_ava", "hello")
    out = tmp_path / "hello.json"
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(original))
        status, stdout, stderr = await run(
            capsys, str(SPECS / "codelink_ava.yaml"), "--prompt", "Hello!", "--base-url",
            base_url, "--out", str(out),
        )  # fmt: skip
    assert (status, stdout, stderr) == (0, f"wrote {out}\n", "")
    assert load_recording(out).expect == original.expect  # the default model, too


async def test_a_recording_is_readable_by_its_owner_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hello.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o644)  # replaced by one only its owner can read, whatever the umask
    umask = os.umask(0o022)
    try:
        async with ReplayServer() as server:
            base_url = server.base_url(server.add(recorded("codelink_ava", "hello")))
            status, _, stderr = await run(
                capsys, str(SPECS / "codelink_ava.yaml"), "--prompt", "Hello!",
                "--base-url", base_url, "--out", str(out),
            )  # fmt: skip
    finally:
        os.umask(umask)
    assert (status, stderr) == (0, "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


async def test_records_into_the_projects_recordings_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.streamgen]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(recorded("codelink_ava", "hello")))
        status, stdout, _ = await run(
            capsys, str(SPECS / "codelink_ava.yaml"), "--prompt", "Hello!", "--base-url", base_url
        )
    [written] = (tmp_path / "recordings" / "codelink_ava").iterdir()
    assert status == 0
    assert written.name.startswith("recorded-") and written.suffix == ".json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stdout == f"wrote recordings/codelink_ava/{written.name}\n"


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (
            ["gemini", "--param", "nope=1"],
            2,
            "error: --param: Gemini has no parameter 'nope' "
            "(its parameters: temperature, max_tokens)",
        ),
        (
            ["openai_chat", "--param", "temperature=hot"],
            2,
            "error: --param: temperature takes a float, not 'hot'",
        ),
        (
            ["openai_chat", "--param", "base_url=http://elsewhere"],
            2,
            "error: --param: base_url is an argument of every call, not a parameter",
        ),
        (
            ["codelink_ava", "--param", "temperature"],
            2,
            "error: --param: a parameter is NAME=VALUE, not 'temperature'",
        ),
        (
            ["anthropic_messages", "--param", "temperature=0.5"],
            2,
            "error: --param: AnthropicMessages needs a value for max_tokens",
        ),
        (
            ["codelink_ava", "--base-url", "http://127.0.0.1:{port}"],
            1,
            "error: POST http://127.0.0.1:{port}/api/chat: the upstream could not be reached: ",
        ),
        (
            ["openai_chat", "--base-url", "http://127.0.0.1:{port}"],
            1,
            "error: OpenaiChat sent no request: OpenaiChat: environment variable "
            "OPENAI_API_KEY is not set (the spec reads it)",
        ),
    ],
    ids=[
        "unknown-param",
        "bad-value",
        "reserved-param",
        "malformed-param",
        "missing-required",
        "unreachable",
        "missing-key",
    ],
)
async def test_a_call_that_cannot_be_recorded_is_one_line(
    argv: list[str],
    status: int,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    port = closed_port()
    module, *options = [part.format(port=port) for part in argv]
    out = tmp_path / "out.json"
    got = await run(
        capsys, str(SPECS / f"{module}.yaml"), "--prompt", "hi", *options, "--out", str(out)
    )
    assert got[:2] == (status, "")
    [line] = got[2].splitlines()
    assert line.startswith(message.format(port=port))
    assert not list(tmp_path.iterdir())  # nothing written, not even a temporary file


async def test_a_spec_with_errors_is_reported_where_and_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "broken.yaml"
    text = (SPECS / "codelink_ava.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("framing: sse", "framing: smoke-signals"), encoding="utf-8")
    status, stdout, stderr = await run(capsys, str(spec), "--prompt", "hi")
    [line] = stderr.splitlines()
    assert (status, stdout) == (1, "")
    assert line.startswith(f"{spec}:") and "response.framing" in line


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        (["--base-url", "ftp://x"], "argument --base-url: not an http:// or https:// URL"),
        ([], "the following arguments are required: --prompt"),
    ],
)
async def test_a_malformed_command_line_is_a_usage_error(
    options: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    prompt = ["--prompt", "hi"] if options else []
    with pytest.raises(SystemExit) as exit_info:
        await run(capsys, str(SPECS / "codelink_ava.yaml"), *prompt, *options)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert complaint in err.splitlines()[-1] and "Traceback" not in err


async def test_base_url_credentials_do_not_replace_the_providers_own_authorization(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
    base_url = f"http://user:password@127.0.0.1:{closed_port()}"
    status, _, stderr = await run(
        capsys, str(SPECS / "openai_chat.yaml"), "--prompt", "hi", "--base-url", base_url
    )
    assert (status, stderr) == (
        1,
        "error: the --base-url has credentials, but the provider sends its own Authorization "
        "header\n",
    )


async def test_out_naming_a_folder_is_refused_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(recorded("codelink_ava", "hello")))
        status, stdout, stderr = await run(
            capsys, str(SPECS / "codelink_ava.yaml"), "--prompt", "Hello!",
            "--base-url", base_url, "--out", str(tmp_path),
        )  # fmt: skip
        assert server.requests == []
    assert (status, stdout) == (2, "")
    assert stderr == f"error: --out {tmp_path} is a folder: name the recording's file\n"


async def test_ctrl_c_records_nothing_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "never.json"
    async with stalling_upstream() as (upstream, base_url):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "replay", "record", str(SPECS / "codelink_ava.yaml"),
            "--prompt", "hi", "--base-url", base_url, "--out", str(out),
            cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        await asyncio.wait_for(upstream.started.wait(), 30)
        process.send_signal(signal.SIGINT)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert (process.returncode, stdout) == (130, b"")
    assert stderr == b"interrupted: nothing recorded\n"
    assert list(tmp_path.iterdir()) == []
