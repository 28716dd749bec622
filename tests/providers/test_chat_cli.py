"""``python -m generated``: the package's own chat command, run as a user runs it.

Each test starts the command in a fresh process against a real server on 127.0.0.1 (the replay
server, or a handler of the test's own) and checks what it printed and its exit status.
"""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tty
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generated import provider_infos
from generated._runtime._chat import EXIT_STATUSES
from replay import Fault, ReplayServer

from ..conftest import ROOT, recording
from ..upstreams import StallingUpstream, answering_upstream, stalling_upstream

MULTILINE = recording("codelink_ava", "multiline")
REASONER = recording("deepseek_chat", "reasoner")
WAIT = 30.0
"""Seconds any one command may take: far more than it needs, so a hang fails the test."""


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str


async def chat(
    *arguments: str,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
) -> Result:
    """Run ``python -m generated ARGUMENTS`` to its end, with ``stdin`` as its input, in this
    environment with ``env`` added and the variables ``unset`` removed."""
    environment = {k: v for k, v in {**os.environ, **(env or {})}.items() if k not in unset}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "generated",
        *arguments,
        cwd=ROOT,
        env=environment,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), WAIT)
    assert process.returncode is not None
    return Result(process.returncode, out.decode(), err.decode())


@pytest.fixture
async def server() -> AsyncIterator[ReplayServer]:
    async with ReplayServer() as replay_server:
        yield replay_server


def deltas_of(expect: dict[str, object]) -> str:
    deltas = expect["deltas"]
    assert isinstance(deltas, list)
    return "".join(deltas)


async def test_prints_the_text_as_the_provider_streams_it(server: ReplayServer) -> None:
    base_url = server.base_url(server.add(MULTILINE))
    prompt = "Write hello world in Python."
    result = await chat("codelink_ava", prompt, "--base-url", base_url, "--param", "max_tokens=256")
    assert (result.status, result.err) == (0, "")
    assert result.out == deltas_of(MULTILINE.expect) + "\n"  # a newline ends it, piped too
    [request] = server.requests
    assert request.json() == MULTILINE.request.json


async def test_json_prints_one_object_per_event(server: ReplayServer) -> None:
    base_url = server.base_url(server.add(REASONER))
    call = REASONER.expect["call"]
    assert isinstance(call, dict)
    [message] = call["messages"]
    result = await chat(
        "DeepseekChat", message["content"], "--model", call["model"], "--json",
        "--base-url", base_url, env={"DEEPSEEK_API_KEY": "test-key"},
    )  # fmt: skip
    assert result.status == 0, result.err
    events = [json.loads(line) for line in result.out.splitlines()]
    assert events[:2] == [
        {"type": "reasoning", "text": "We compare"},
        {"type": "reasoning", "text": " 9.11 and 9.8:"},
    ]
    assert [e["text"] for e in events if e["type"] == "text"] == REASONER.expect["deltas"]
    assert events[-2:] == [
        {"type": "finish", "reason": "stop"},
        {"type": "usage", "input_tokens": 18, "output_tokens": 66},
    ]


async def test_reads_the_prompt_from_stdin_and_sends_the_options(server: ReplayServer) -> None:
    base_url = server.base_url(server.add(MULTILINE, fault=Fault(truncate_after=0)))
    await chat(
        "CodeLinkAva", "-", "--system", "Be brief.", "--param", "temperature=0.25",
        "--param", "max_tokens=256", "--base-url", base_url, "--timeout", "5",
        stdin=b"Two\nlines",
    )  # fmt: skip
    sent = server.requests[0].json()
    assert sent == {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Two\nlines"},
        ],
        "temperature": 0.25,
        "stream": True,
        "max_tokens": 256,
    }


async def test_list_names_every_provider_with_models_framing_and_working() -> None:
    result = await chat("--list")
    assert result.status == 0
    lines = result.out.splitlines()
    assert len(lines) == len(provider_infos())
    assert "CodeLinkAva (codelink_ava): sse, not working; gpt-3.5-turbo" in lines
    assert "OllamaChat (ollama_chat): ndjson, working; llama3.2, qwen2.5, mistral" in lines
    assert "TgiGenerate (tgi_generate): sse, working; any model" in lines


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["codelnk_ava", "hi"], "codelnk_ava: no such provider; did you mean CodeLinkAva?"),
        (["codelink_ava", "hi", "--param", "temperature=hot"], "temperature takes a float"),
        (["OllamaChat", "hi", "--param", "seed=1"], "OllamaChat has no parameter 'seed'"),
        (["codelink_ava", "hi", "--param", "temperature"], "--param: a parameter is NAME=VALUE"),
        (["anthropic_messages", "hi"], "--param: AnthropicMessages needs a value for max_tokens"),
        (["codelink_ava"], "give a PROVIDER and a PROMPT"),
    ],
)
async def test_a_usage_mistake_is_one_line_and_status_2(arguments: list[str], message: str) -> None:
    result = await chat(*arguments)
    assert result.status == 2
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("python -m generated: ") and message in line


@pytest.mark.parametrize(
    ("fault", "status", "kind"),
    [
        (Fault(status=401, body=b'{"error": {"message": "bad key"}}'), 4, "HTTP 401"),
        (Fault(status=403, body=b"forbidden"), 4, "HTTP 403"),
        (Fault(status=429, body=b"slow down", headers={"Retry-After": "0"}), 5, "HTTP 429"),
        (Fault(status=500, body=b"oops"), 1, "HTTP 500"),
        (Fault(html=True), 1, "text/html"),
        (Fault(truncate_after=300), 1, "ended before"),
        (Fault(stall_after=300), 6, "timeout"),
    ],
)
async def test_a_failure_is_one_line_naming_the_provider_with_a_status_by_kind(
    server: ReplayServer, fault: Fault, status: int, kind: str
) -> None:
    base_url = server.base_url(server.add(MULTILINE, fault=fault))
    result = await chat(
        "codelink_ava", "hi", "--base-url", base_url, "--timeout", "1",
        "--param", "max_tokens=256",
    )  # fmt: skip
    assert result.status == status, result.err
    [line] = result.err.splitlines()
    assert line.startswith("python -m generated: CodeLinkAva: ") and kind in line
    assert "Traceback" not in result.err


async def test_a_missing_key_is_a_configuration_error() -> None:
    result = await chat("openai_chat", "hi", unset=("OPENAI_API_KEY",))
    assert result.status == 3
    assert "OpenaiChat: environment variable OPENAI_API_KEY is not set" in result.err


async def test_no_connection_is_status_7() -> None:
    result = await chat("codelink_ava", "hi", "--base-url", "http://127.0.0.1:9/")
    assert result.status == 7
    assert "CodeLinkAva: ClientConnectorError" in result.err


@pytest.fixture
async def stalling() -> AsyncIterator[tuple[StallingUpstream, str]]:
    async with stalling_upstream() as started:
        yield started


async def test_ctrl_c_closes_the_connection_and_exits_130(
    stalling: tuple[StallingUpstream, str],
) -> None:
    upstream, base_url = stalling
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "generated", "codelink_ava", "hi", "--base-url", base_url,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readexactly(3), WAIT) == b"Hel"
    process.send_signal(signal.SIGINT)
    # At once: the handler is cancelled as the connection closes, long before any timeout.
    await asyncio.wait_for(upstream.closed.wait(), 5.0)
    _, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode == 130
    assert b"Traceback" not in err


async def test_a_spinner_shows_on_a_terminal_until_the_first_delta(
    stalling: tuple[StallingUpstream, str],
) -> None:
    upstream, base_url = stalling
    terminal, other_end = pty.openpty()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "generated", "codelink_ava", "hi", "--base-url", base_url,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=other_end,
    )  # fmt: skip
    os.close(other_end)
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readexactly(3), WAIT) == b"Hel"
    process.send_signal(signal.SIGINT)
    await asyncio.wait_for(process.wait(), WAIT)
    shown = _read_all(terminal).decode()
    assert "CodeLinkAva…" in shown  # the status line, while nothing had arrived
    assert "\r\x1b[K" in shown  # cleared once the first delta came
    assert upstream.started.is_set()


def _read_all(descriptor: int) -> bytes:
    data = b""
    try:
        while chunk := os.read(descriptor, 4096):
            data += chunk
    except OSError:  # the other end is closed: all has been read
        pass
    finally:
        os.close(descriptor)
    return data


def test_the_readme_and_the_help_state_every_exit_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Chat from the terminal", 1)[1].split("\n## ", 1)[0]
    documented = [int(status) for status in re.findall(r"^\| (\d+) \| ", section, re.MULTILINE)]
    assert documented == [status for status, _ in EXIT_STATUSES]


async def test_help_lists_the_exit_statuses() -> None:
    result = await chat("--help")
    assert result.status == 0
    for status, meaning in EXIT_STATUSES:
        assert f"{status:>3}  {meaning}" in result.out


HELLO = b'data: {"choices":[{"delta":{"content":"Hello"}}]}\n\ndata: [DONE]\n\n'


async def test_proxy_carries_the_request_to_the_endpoint() -> None:
    async with answering_upstream(HELLO) as (seen, proxy):
        result = await chat(
            "codelink_ava", "hi", "--base-url", "http://llm.invalid/mirror", "--proxy", proxy
        )
    assert (result.status, result.out) == (0, "Hello\n")
    [request] = seen
    assert (request.url.host, request.path) == ("llm.invalid", "/mirror/api/chat")


async def test_a_lone_surrogate_from_the_server_is_printed_replaced() -> None:
    body = b'data: {"choices":[{"delta":{"content":"a\\ud83d b"}}]}\n\ndata: [DONE]\n\n'
    async with answering_upstream(body) as (_, base_url):
        text = await chat("codelink_ava", "hi", "--base-url", base_url)
        lines = await chat("codelink_ava", "hi", "--base-url", base_url, "--json")
    assert (text.status, text.out) == (0, "a? b\n")
    assert (lines.status, lines.out) == (0, '{"type": "text", "text": "a? b"}\n')


async def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    paced = ReplayServer(pace=True)  # still streaming when the reader has gone
    async with paced:
        base_url = paced.base_url(paced.add(MULTILINE))
        command = (
            f"{shlex.quote(sys.executable)} -m generated codelink_ava hi --param max_tokens=256 "
            f"--base-url {base_url} | head -c 4; echo $PIPESTATUS >&2"
        )
        process = await asyncio.create_subprocess_exec(
            "bash", "-c", command, cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert out == b"Here"
    assert err == b"8\n"  # the status of the command, and nothing else said


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
async def test_a_full_disk_is_one_line_and_status_8() -> None:
    async with answering_upstream(HELLO) as (_, base_url):
        with open("/dev/full", "w") as full:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "generated", "codelink_ava", "hi", "--base-url", base_url,
                cwd=ROOT, stdout=full, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            _, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode == 8
    assert err == b"python -m generated: cannot write the answer: No space left on device\n"


def event_stream(*events: object) -> bytes:
    """An event stream of ``events`` (each a JSON document), ended as CodeLinkAva's is."""
    return b"".join(f"data: {json.dumps(event)}\n\n".encode() for event in events) + (
        b"data: [DONE]\n\n"
    )


def delta(text: str) -> dict[str, object]:
    """One chunk of OpenAI's format carrying ``text``."""
    return {"choices": [{"delta": {"content": text}}]}


HOSTILE = "Hi\x1b[2J\x1b]52;c;aGk=\x07 over\rwritten\x9b31m\x7f.\n\tok"
"""Text that would clear a screen, write a clipboard, hide what came before a CR and colour
what follows, if a terminal saw it as it is."""
HOSTILE_ESCAPED = "Hi\\x1b[2J\\x1b]52;c;aGk=\\x07 over\\rwritten\\x9b31m\\x7f.\n\tok"
"""``HOSTILE`` as a terminal is to see it: lines and tabs kept, every other control escaped."""


async def chat_on_a_terminal(*arguments: str) -> Result:
    """Run ``python -m generated ARGUMENTS`` with a terminal as its stdout: ``out`` is what the
    terminal was sent (in raw mode, so that it translates no newline)."""
    terminal, other_end = pty.openpty()
    tty.setraw(other_end)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "generated", *arguments,
        cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stdout=other_end, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    os.close(other_end)
    _, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode is not None
    return Result(process.returncode, _read_all(terminal).decode(), err.decode())


async def test_control_characters_of_an_error_body_reach_stderr_escaped(
    server: ReplayServer,
) -> None:
    body = "\x1b]52;c;aGk=\x07\x1b[2J no \x9bway".encode()
    base_url = server.base_url(server.add(MULTILINE, fault=Fault(status=500, body=body)))
    result = await chat("codelink_ava", "hi", "--base-url", base_url, "--param", "max_tokens=256")
    assert result.status == 1
    [line] = result.err.splitlines()
    assert "HTTP 500: \\x1b]52;c;aGk=\\x07\\x1b[2J no \\x9bway [POST " in line
    assert not re.search("[\x00-\x1f\x7f-\x9f]", line)


async def test_an_error_event_with_line_breaks_and_escapes_is_one_escaped_line() -> None:
    error = {"error": {"message": "bad\r\nnews\u2028\x1b[2J\x1b]52;c;aGk=\x07 here"}}
    async with answering_upstream(event_stream(delta("Hel"), error)) as (_, base_url):
        result = await chat("codelink_ava", "hi", "--base-url", base_url)
    assert (result.status, result.out) == (1, "Hel")
    [line] = result.err.splitlines()
    assert "the server reported an error: bad news \\x1b[2J\\x1b]52;c;aGk=\\x07 here [" in line
    assert not re.search("[\x00-\x1f\x7f-\x9f]", line)


async def test_on_a_terminal_the_answer_is_escaped_unless_raw() -> None:
    async with answering_upstream(event_stream(delta(HOSTILE[:5]), delta(HOSTILE[5:]))) as (
        _,
        base_url,
    ):
        escaped = await chat_on_a_terminal("codelink_ava", "hi", "--base-url", base_url)
        raw = await chat_on_a_terminal("codelink_ava", "hi", "--base-url", base_url, "--raw")
    assert (escaped.status, escaped.out, escaped.err) == (0, HOSTILE_ESCAPED + "\n", "")
    assert (raw.status, raw.out, raw.err) == (0, HOSTILE + "\n", "")


async def test_piped_the_answer_is_written_as_it_came() -> None:
    async with answering_upstream(event_stream(delta(HOSTILE))) as (_, base_url):
        result = await chat("codelink_ava", "hi", "--base-url", base_url)
    assert (result.status, result.out) == (0, HOSTILE + "\n")


async def test_json_lines_escape_the_controls_json_leaves_as_they_are() -> None:
    text = "a\x7fb\x9b2Jc\u2028d\x1b"
    async with answering_upstream(event_stream(delta(text))) as (_, base_url):
        result = await chat_on_a_terminal("codelink_ava", "hi", "--base-url", base_url, "--json")
    assert result.status == 0, result.err
    assert result.out == '{"type": "text", "text": "a\\u007fb\\u009b2Jc\\u2028d\\u001b"}\n'
    assert json.loads(result.out)["text"] == text  # the same text, every character escaped


@pytest.mark.parametrize(
    ("answer", "printed"),
    [("Hello", "Hello\n"), ("Hello\n", "Hello\n"), ("", "\n")],
)
async def test_a_piped_answer_ends_with_one_newline(answer: str, printed: str) -> None:
    async with answering_upstream(event_stream(delta(answer))) as (_, base_url):
        result = await chat("codelink_ava", "hi", "--base-url", base_url)
    assert (result.status, result.out) == (0, printed)


@pytest.mark.parametrize(
    ("stdin", "prompt"),
    [(b"Why?\n", "Why?"), (b"Two\nlines\n\n", "Two\nlines\n"), (b"No newline", "No newline")],
)
async def test_a_prompt_from_stdin_loses_one_trailing_newline(stdin: bytes, prompt: str) -> None:
    async with answering_upstream(HELLO) as (seen, base_url):
        result = await chat("codelink_ava", "-", "--base-url", base_url, stdin=stdin)
    assert result.status == 0, result.err
    [request] = seen
    assert (await request.json())["messages"] == [{"role": "user", "content": prompt}]


def build_nested(folder: Path, parts: str) -> Path:
    """``python -m generator build`` of CodeLinkAva's spec into ``folder/src/acme/llm``, with
    ``parts``: the folder the package ``acme.llm`` is imported from."""
    (folder / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "codelink_ava.yaml", folder / "specs")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--specs", "specs",
         "--output", "src/acme/llm", "--parts", parts],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    return folder / "src"


def run_nested(source: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m acme.llm ARGUMENTS``, run from ``source``."""
    return subprocess.run(
        [sys.executable, "-m", "acme.llm", *arguments],
        cwd=source, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_nested_package_calls_itself_by_its_full_name(tmp_path: Path) -> None:
    source = build_nested(tmp_path, "registry")
    usage = run_nested(source, "--help")
    assert usage.stdout.startswith("usage: python -m acme.llm [-h] ")
    assert usage.stdout.endswith(
        "\n'python -m acme.llm serve --help': the OpenAI-compatible API.\n"
    )
    unknown = run_nested(source, "codelnk_ava", "hi")
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "python -m acme.llm: codelnk_ava: no such provider; did you mean CodeLinkAva? "
        "[package acme.llm]\n",
    )
    serve = run_nested(source, "serve")
    assert serve.stderr.startswith("python -m acme.llm serve: this package was built without ")
    wrong = run_nested(source, "--timeout", "never")
    assert wrong.stderr.splitlines()[-1] == (
        "python -m acme.llm: error: argument --timeout: not a number of seconds: 'never'"
    )


def test_a_nested_package_without_the_chat_command_names_itself_by_its_full_name(
    tmp_path: Path,
) -> None:
    chat_command = run_nested(build_nested(tmp_path, ""), "codelink_ava", "hi")
    assert chat_command.returncode == 1
    assert chat_command.stderr.startswith(
        "python -m acme.llm: this package was built without its 'registry' part"
    )
