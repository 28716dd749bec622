"""What ``new --from-har`` infers from shapes the captures of tests/captures/ do not show: a
cumulative answer, a token from a JSON answer, a WebSocket, one JSON document, a filter, and
what it cannot decide, which it says (in the spec at its key, and on its output) and never
guesses silently; and how it refuses what it cannot read."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator._commands import main

from .conftest import Made, built, new, recording_at, replayed

SITE = "https://chat.example.test"
PROMPT = [{"role": "user", "content": "Hello!"}]
TOKEN = "tok_9f8e7d6c5b4a39281706f5e4"
API_KEY = "sk-live-a1b2c3d4e5f6a7b8c9d0e1f2"


def entry(
    method: str,
    url: str,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    status: int = 200,
    media: str = "text/event-stream",
    answer: str = "",
    messages: list[dict[str, Any]] | None = None,
    kind: str = "fetch",
) -> dict[str, Any]:
    """A HAR entry as Chrome writes it."""
    request: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "http/2.0",
        "headers": [{"name": k, "value": v} for k, v in (headers or {}).items()],
    }
    if body is not None:
        request["postData"] = {"mimeType": "application/json", "text": json.dumps(body)}
    written: dict[str, Any] = {
        "_resourceType": kind,
        "request": request,
        "response": {
            "status": status,
            "headers": [{"name": "content-type", "value": media}],
            "content": {"mimeType": media, "text": answer},
        },
    }
    if messages is not None:
        written["_webSocketMessages"] = messages
    return written


def har_file(folder: Path, *entries: dict[str, Any]) -> Path:
    path = folder / "capture.har"
    log = {"version": "1.2", "creator": {"name": "WebInspector"}, "entries": list(entries)}
    path.write_text(json.dumps({"log": log}), encoding="utf-8")
    return path


def sse(*documents: Any) -> str:
    return "".join(f"data: {json.dumps(document)}\n\n" for document in documents)


def chat(**fields: Any) -> dict[str, Any]:
    return {"model": "m-1", "messages": PROMPT, "stream": True, **fields}


def spec_of(made: Made) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(made.text)
    return data


async def made_and_replayed(
    project: Path,
    capture: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Made, dict[str, Any], str]:
    """``new`` on ``capture``, the spec read, and the text its recording replays."""
    made = new(project, "captured", "--from-har", capture, capsys)
    provider = built(project, "captured", capsys)
    text, problems = await replayed(provider, recording_at(made.recording), monkeypatch)
    assert problems == []
    return made, spec_of(made), text


async def test_a_cumulative_answer_is_read_as_one(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    growing = ["Hel", "Hello", "Hello the", "Hello there!"]
    answer = sse(*({"message": {"content": {"parts": [text]}}, "id": "m1"} for text in growing))
    capture = har_file(
        project, entry("POST", f"{SITE}/backend/conversation", chat(), answer=answer)
    )
    _, spec, text = await made_and_replayed(project, capture, capsys, monkeypatch)
    assert spec["response"]["delta"] == "$.message.content.parts[0]"
    assert spec["response"]["cumulative"] == "restart"
    assert text == "Hello there!"


async def test_a_token_from_a_json_answer_becomes_a_step(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capture = har_file(
        project,
        entry("GET", f"{SITE}/favicon.ico", media="image/x-icon", kind="image"),
        entry(
            "POST",
            f"{SITE}/api/session",
            {"anonymous": True},
            media="application/json",
            answer=json.dumps({"data": {"token": TOKEN, "expires": 3600}}),
        ),
        entry(
            "POST",
            f"{SITE}/api/chat",
            chat(),
            headers={"authorization": f"Bearer {TOKEN}"},
            answer=sse({"delta": "Hi"}, {"delta": " you"}),
        ),
    )
    made, spec, text = await made_and_replayed(project, capture, capsys, monkeypatch)
    assert spec["steps"] == {
        "post_session": {
            "url": f"{SITE}/api/session",
            "body": {"anonymous": True},
            "take": {"token": {"json": "$.data.token"}},
        }
    }
    assert spec["request"]["headers"] == {"authorization": "Bearer ${token}"}
    assert text == "Hi you"
    assert "steps.post_session: takes token (json $.data.token)" in made.printed
    assert TOKEN not in made.text and made.recording is not None
    assert TOKEN not in made.recording.read_text(encoding="utf-8")


async def test_a_websockets_messages_are_its_answer_and_what_it_sends(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = {"type": "chat", "model": "m-1", "prompt": "Hello!"}
    received = [
        {"type": "delta", "text": "Hel"},
        {"type": "delta", "text": "lo!"},
        {"type": "done"},
    ]
    messages = [{"type": "send", "time": 1.0, "opcode": 1, "data": json.dumps(sent)}]
    messages += [
        {"type": "receive", "time": 1.1, "opcode": 1, "data": json.dumps(r)} for r in received
    ]
    messages.append({"type": "receive", "time": 1.2, "opcode": 2, "data": "AAEC"})
    socket = entry("GET", "wss://chat.example.test/ws", status=101, media="", messages=messages)
    socket["_resourceType"] = "websocket"
    _, spec, text = await made_and_replayed(project, har_file(project, socket), capsys, monkeypatch)
    assert spec["request"]["send"] == [
        {"json": {"type": "chat", "model": "${model}", "prompt": "${prompt}"}}
    ]
    assert spec["response"]["framing"] == "websocket"
    assert spec["response"]["stop"] == {"path": "$.type", "equals": "done"}
    assert text == "Hello!"


async def test_one_json_document_is_the_whole_answer(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = json.dumps({"id": "r1", "output": {"text": "A whole answer."}, "status": "done"})
    capture = har_file(
        project,
        entry(
            "POST", f"{SITE}/api/ask", {"question": "Why?"}, media="application/json", answer=answer
        ),
    )
    _, spec, text = await made_and_replayed(project, capture, capsys, monkeypatch)
    assert spec["request"]["body"] == {"question": "${prompt}"}
    assert (spec["response"]["framing"], spec["response"]["delta"]) == ("json", "$.output.text")
    assert text == "A whole answer."


async def test_a_type_that_marks_the_text_is_a_filter_when_others_carry_text_too(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = sse(
        {"type": "status", "text": "thinking..."},
        {"type": "token", "text": "Hel"},
        {"type": "token", "text": "lo, how are you today?"},
        {"type": "final", "text": ""},
    )
    capture = har_file(project, entry("POST", f"{SITE}/api/chat", chat(), answer=answer))
    made, spec, text = await made_and_replayed(project, capture, capsys, monkeypatch)
    assert spec["response"]["filter"] == {"path": "$.type", "equals": "token"}
    assert text == "Hello, how are you today?"
    assert "documents of type 'status' have texts there too" in made.printed


def test_what_it_cannot_decide_is_a_comment_at_its_key_and_printed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = chat(check="a9f3c2e1b7d64f0e8c5a2b1d9e7f3c6a", sent_at=1765000000, note="${x}")
    answer = sse({"text": "Hello there", "title": "Hello there"}, {"text": "!", "title": "?!"})
    capture = har_file(project, entry("POST", f"{SITE}/api/chat", body, answer=answer))
    made = new(project, "captured", "--from-har", capture, capsys)
    lines = made.text.splitlines()
    for key, words in (
        ("check:", "looked like a token or a signature"),
        ("sent_at:", "looks like the time the page sent it"),
        ("delta:", "holds a text nearly as long"),
    ):
        [at] = [i for i, line in enumerate(lines) if line.strip().startswith(key)]
        assert words in lines[at - 1], lines[at - 1]
    assert "not decided:" in made.printed and "looked like a token" in made.printed
    spec = spec_of(made)
    assert spec["request"]["body"]["check"] == "${env.CAPTURED_CHECK}"
    assert spec["request"]["body"]["note"] == "$${x}"  # captured text is never a placeholder
    assert "a9f3c2e1b7d64f0e8c5a2b1d9e7f3c6a" not in made.text


def test_entry_names_the_streamed_request(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = entry("POST", f"{SITE}/api/a", chat(), answer=sse({"t": "short"}))
    second = entry("POST", f"{SITE}/api/b", chat(), answer=sse({"t": "a much longer answer"}))
    capture = har_file(project, first, second)
    assert (
        spec_of(new(project, "found", "--from-har", capture, capsys))["request"]["url"]
        == f"{SITE}/api/b"
    )
    named = new(project, "named", "--from-har", capture, capsys, "--entry", "0")
    assert spec_of(named)["request"]["url"] == f"{SITE}/api/a"


@pytest.mark.parametrize(
    ("entries", "extra", "message"),
    [
        ([], ["--entry", "3"], "--entry 3: the file has entries 0 to -1"),
        (
            [entry("GET", f"{SITE}/logo.png", media="image/png", kind="image")],
            [],
            "no entry of the file streams an answer: name one with --entry N",
        ),
    ],
)
def test_a_capture_it_cannot_use_is_refused_and_nothing_is_written(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    entries: list[dict[str, Any]],
    extra: list[str],
    message: str,
) -> None:
    capture = har_file(project, *entries)
    status = main(["new", "nothing", "--from-har", str(capture), "--specs", "specs", *extra])
    assert status == 1
    assert capsys.readouterr().err == f"error: capture.har: {message}\n"
    assert not (project / "specs").exists() and not (project / "recordings").exists()


def test_no_file_is_overwritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture = har_file(project, entry("POST", f"{SITE}/api/chat", chat(), answer=sse({"t": "x"})))
    (project / "recordings" / "taken").mkdir(parents=True)
    (project / "recordings" / "taken" / "captured.json").write_text("mine", encoding="utf-8")
    status = main(["new", "taken", "--from-har", str(capture), "--specs", "specs"])
    assert status == 1
    assert "captured.json already exists" in capsys.readouterr().err
    assert not (project / "specs" / "taken.yaml").exists()


def test_a_har_file_it_cannot_read_says_where(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = project / "capture.har"
    broken.write_text(
        json.dumps({"log": {"entries": [{"request": {}, "response": {}}]}}), encoding="utf-8"
    )
    assert main(["new", "x", "--from-har", str(broken), "--specs", "specs"]) == 1
    assert capsys.readouterr().err == (
        "error: capture.har: this is no HAR file: log.entries[0].request has no method that is str\n"
    )
    encoded = entry("POST", f"{SITE}/api", chat(), answer="not base64!")
    encoded["response"]["content"]["encoding"] = "base64"
    har_file(project, encoded)
    assert main(["new", "x", "--from-har", str(broken), "--specs", "specs"]) == 1
    assert (
        "log.entries[0].response.content.text is not the base64 it says it is"
        in capsys.readouterr().err
    )


def test_a_base64_answer_is_read_decoded(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = sse(
        {"choices": [{"delta": {"content": "Hé"}}]}, {"choices": [{"delta": {"content": "llo"}}]}
    )
    encoded = entry(
        "POST", f"{SITE}/api", chat(), answer=base64.b64encode(answer.encode()).decode()
    )
    encoded["response"]["content"]["encoding"] = "base64"
    made = new(project, "decoded", "--from-har", har_file(project, encoded), capsys)
    assert spec_of(made)["response"]["delta"] == "$.choices[0].delta.content"
    assert made.recording is not None
    assert json.loads(made.recording.read_text(encoding="utf-8"))["expect"]["text"] == "Héllo"


async def test_a_value_two_answers_hold_is_taken_from_the_later_one(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Taken from both, the first take went unused: a spec that did not validate.
    session = json.dumps({"token": TOKEN})
    capture = har_file(
        project,
        entry("GET", f"{SITE}/api/session", media="application/json", answer=session),
        entry("GET", f"{SITE}/api/refresh", media="application/json", answer=session),
        entry("POST", f"{SITE}/api/chat", chat(token=TOKEN), answer=sse({"t": "Hi"})),
    )
    _, spec, text = await made_and_replayed(project, capture, capsys, monkeypatch)
    assert list(spec["steps"]) == ["get_refresh"]
    assert spec["request"]["body"]["token"] == "${token}"
    assert text == "Hi"
