"""Captures made to break ``new``: secrets where the usual rules do not look, text that YAML or
a file cannot hold as it is, shapes that were guessed silently, files that are no HAR. Each
secret stays out of every file written and of what is printed; each spec builds and replays;
each refusal is one line that says where and what, and writes nothing."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator._commands import main

from .conftest import built, new, recording_at, replayed
from .test_inference import SITE, chat, entry, har_file, sse

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlMTIzNDU2Nzg5"
PATH_KEY = "sk1234567890abcdefXYZ"
SHORT_TOKEN = "tok9x2ab"
WS_TOKEN = "wsTok3nABCDEFGHIJKLMNOP12"
COOKIE = "second0cookie0value99"


def websocket(sent: str, *received: dict[str, Any]) -> dict[str, Any]:
    frames = [{"type": "send", "time": 1.0, "opcode": 1, "data": sent}]
    frames += [
        {"type": "receive", "time": 1.1, "opcode": 1, "data": json.dumps(r)} for r in received
    ]
    socket = entry("GET", "wss://chat.example.test/ws", status=101, media="", messages=frames)
    socket["_resourceType"] = "websocket"
    return socket


ANSWER = sse({"t": "Hi"}, {"t": " there"})

SECRETS_HIDDEN = {
    "a scheme in a header of another name": (
        [
            entry(
                "POST",
                f"{SITE}/api",
                chat(),
                headers={"X-Authorization": f"Bearer {JWT}"},
                answer=ANSWER,
            )
        ],
        JWT,
    ),
    "a key in the path": (
        [entry("POST", f"{SITE}/v1/key/{PATH_KEY}/chat", chat(), answer=ANSWER)],
        PATH_KEY,
    ),
    "credentials in the URL": (
        [entry("POST", "https://bob:hunter2pass@chat.example.test/api", chat(), answer=ANSWER)],
        "hunter2pass",
    ),
    "a short token under a camelCase name": (
        [entry("POST", f"{SITE}/api", chat(accessToken=SHORT_TOKEN), answer=ANSWER)],
        SHORT_TOKEN,
    ),
    "a token in a WebSocket frame that is no JSON": (
        [
            websocket(
                f'40{{"token":"{WS_TOKEN}","prompt":"Hello!"}}',
                {"t": "Hi"},
                {"t": "!", "done": True},
            )
        ],
        WS_TOKEN,
    ),
    "a second Cookie header, its value echoed in the answer": (
        [
            entry(
                "POST",
                f"{SITE}/api",
                chat(),
                headers={"cookie": "a=first0cookie0value11", "Cookie": f"b={COOKIE}"},
                answer=sse({"t": "Hi"}, {"t": "!", "echo": COOKIE}),
            )
        ],
        COOKIE,
    ),
}


@pytest.mark.parametrize(("entries", "secret"), SECRETS_HIDDEN.values(), ids=SECRETS_HIDDEN)
async def test_a_secret_where_no_usual_rule_looks_is_in_no_file_and_not_printed(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    entries: list[dict[str, Any]],
    secret: str,
) -> None:
    made = new(project, "hostile", "--from-har", har_file(project, *entries), capsys)
    assert made.recording is not None
    written = made.text + made.recording.read_text(encoding="utf-8") + made.printed
    for form in (secret, base64.b64encode(secret.encode()).decode()):
        assert form not in written
    provider = built(project, "hostile", capsys)
    _, problems = await replayed(provider, recording_at(made.recording), monkeypatch)
    assert problems == []


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": "Bearer null"}, {"X-Use-Session": "true"}, {"x-api-key": "1"}],
    ids=["Bearer null", "a session flag", "a key of one digit"],
)
async def test_a_short_or_literal_value_of_a_secrets_name_is_no_secret(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    headers: dict[str, str],
) -> None:
    # Replaced wherever it stood, it garbled the answer's JSON in the recording.
    answer = sse({"t": "null true 1", "flag": True, "n": None}, {"t": "!", "done": True})
    capture = har_file(
        project, entry("POST", f"{SITE}/api", chat(), headers=headers, answer=answer)
    )
    made = new(project, "literal", "--from-har", capture, capsys)
    assert yaml.safe_load(made.text)["request"]["headers"] == headers
    text, problems = await replayed(
        built(project, "literal", capsys), recording_at(made.recording), monkeypatch
    )
    assert (text, problems) == ("null true 1!", [])


async def test_values_a_page_shows_are_taken_only_when_no_call_gives_them(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page lists the model (an option); its JSON gives an id the chat sends back.
    page = entry(
        "GET",
        f"{SITE}/api/start",
        media="application/json",
        answer=json.dumps({"id": "conv0a1b2c3d4e5", "models": ["m-long-model-1"]}),
    )
    body = {
        "model": "m-long-model-1",
        "messages": [{"role": "user", "content": "Hello!"}],
        "id": "conv0a1b2c3d4e5",
    }
    capture = har_file(project, page, entry("POST", f"{SITE}/api/chat", body, answer=ANSWER))
    made = new(project, "taken", "--from-har", capture, capsys)
    spec = yaml.safe_load(made.text)
    [(name, take)] = spec["steps"]["get_start"]["take"].items()
    assert take == {"json": "$.id"} and name != "id"  # id would shadow a builtin
    assert spec["request"]["body"]["id"] == f"${{{name}}}"
    assert spec["request"]["body"]["model"] == "${model}"
    text, problems = await replayed(
        built(project, "taken", capsys), recording_at(made.recording), monkeypatch
    )
    assert (text, problems) == ("Hi there", [])


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("line\u2028separator", "key"),
        ("next\x85line", "value"),
        ("bell\x07 and tab\t", "value"),
        ("${q} and $${x}", "value"),
    ],
)
async def test_captured_text_yaml_cannot_hold_plainly_reaches_the_spec_as_it_was(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    where: str,
) -> None:
    body = chat(**({text: "x"} if where == "key" else {"extra": text}))
    capture = har_file(project, entry("POST", f"{SITE}/api", body, answer=ANSWER))
    made = new(project, "text", "--from-har", capture, capsys)
    spec_body = yaml.safe_load(made.text)["request"]["body"]
    written = text.replace("${", "$${")
    assert (written in spec_body) if where == "key" else (spec_body["extra"] == written)
    provider = built(project, "text", capsys)
    _, problems = await replayed(provider, recording_at(made.recording), monkeypatch)
    assert problems == []  # the provider sends the captured text, as the recording has it


@pytest.mark.parametrize(
    ("body", "placeholder_at"),
    [
        (
            {
                "model": "m",
                "messages": [
                    {"role": "developer", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                ],
            },
            ("messages",),
        ),
        ({"model": "m", "inputs": [{"text": "Hello there"}]}, ("inputs", "0", "text")),
        (
            {
                "model": "m",
                "system": [{"type": "text", "text": "Be brief."}],
                "messages": [{"role": "user", "content": "Hi"}],
            },
            ("system", "0", "text"),
        ),
    ],
    ids=["a developer message", "a prompt in a list", "system as content blocks"],
)
def test_a_conversations_less_usual_shapes_are_found(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    body: dict[str, Any],
    placeholder_at: tuple[str, ...],
) -> None:
    capture = har_file(project, entry("POST", f"{SITE}/api", body, answer=ANSWER))
    made = new(project, "shapes", "--from-har", capture, capsys)
    value: Any = yaml.safe_load(made.text)["request"]["body"]
    for key in placeholder_at:
        value = value[int(key)] if isinstance(value, list) else value[key]
    assert value in ("${messages}", "${prompt}", "${system}")


def test_a_prompt_in_the_query_is_the_prompt(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = har_file(
        project, entry("GET", f"{SITE}/ask?q=Why%20blue%3F&model=m-2&lang=en", answer=ANSWER)
    )
    made = new(project, "query", "--from-har", capture, capsys, "--entry", "0")
    assert (
        yaml.safe_load(made.text)["request"]["url"]
        == f"{SITE}/ask?q=${{prompt}}&model=${{model}}&lang=en"
    )
    call = json.loads(made.recording.read_text(encoding="utf-8"))["expect"]["call"]
    assert (call["model"], call["messages"]) == ("m-2", [{"role": "user", "content": "Why blue?"}])


def test_a_conversation_not_found_is_said_to_be(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = har_file(
        project,
        entry("POST", f"{SITE}/api", {"model": "m", "payload": {"blob": "Hi"}}, answer=ANSWER),
    )
    made = new(project, "unfound", "--from-har", capture, capsys)
    assert "no messages and no prompt found in the body" in made.printed


def test_a_null_origin_is_no_web_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture = har_file(
        project, entry("POST", f"{SITE}/api", chat(), headers={"Origin": "null"}, answer=ANSWER)
    )
    assert (
        yaml.safe_load(new(project, "null_origin", "--from-har", capture, capsys).text)["provider"][
            "url"
        ]
        == SITE
    )


def test_a_har_file_saved_as_utf_16_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = har_file(project, entry("POST", f"{SITE}/api", chat(), answer=ANSWER))
    capture.write_bytes(capture.read_text(encoding="utf-8").encode("utf-16"))
    assert new(project, "wide", "--from-har", capture, capsys).recording is not None


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            lambda e: e["response"].update(status="OK"),
            "log.entries[0].response.status is not a number",
        ),
        (
            lambda e: e.update(_webSocketMessages=5),
            "log.entries[0]._webSocketMessages is not a list",
        ),
        (
            lambda e: e["request"]["postData"].update(text='{"model": "m", "prompt": "\\ud800"}'),
            "a lone surrogate",
        ),
    ],
    ids=["a status of words", "messages that are no list", "a lone surrogate"],
)
def test_what_cannot_be_read_is_one_line_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], broken: Any, message: str
) -> None:
    bad = entry("POST", f"{SITE}/api", chat(), answer=ANSWER)
    broken(bad)
    capture = har_file(project, bad)
    assert main(["new", "broken", "--from-har", str(capture), "--specs", "specs"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: capture.har: ") and error.count("\n") == 1 and message in error
    assert not (project / "specs").exists() and not (project / "recordings").exists()


def test_json_nested_too_deeply_is_one_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = project / "deep.har"
    capture.write_text(
        '{"log": {"entries": ' + "[" * 100000 + "]" * 100000 + "}}", encoding="utf-8"
    )
    assert main(["new", "deep", "--from-har", str(capture), "--specs", "specs"]) == 1
    assert (
        capsys.readouterr().err == "error: deep.har: this is no HAR file: JSON nested too deeply\n"
    )
