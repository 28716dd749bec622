"""The recording format: loading, validation and the errors that say where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replay import RecordingError, load_recording, load_recordings

from .conftest import BODY, TARGET, broken, recording_data, write


def test_load_recording_decodes_chunks_and_keeps_fields(tmp_path: Path) -> None:
    recording = load_recording(write(tmp_path, recording_data()))
    assert recording.name == "chat"
    assert recording.request.method == "POST"
    assert recording.request.target == TARGET
    assert recording.request.json == {"messages": [{"role": "user", "content": "hi"}]}
    assert recording.request.body is None
    assert recording.response.chunks[2:4] == (b"data: \xe2\x82", b"\xac\n\n")
    assert recording.response.body == BODY
    assert recording.response.delays == (0.03,) * 5
    assert recording.expect == {"deltas": ["Hel", "lo"]}


def test_optional_fields_default(tmp_path: Path) -> None:
    data = {
        "request": {"method": "GET", "url": "http://host", "body": "x=1"},
        "response": {"status": 200, "chunks": []},
    }
    recording = load_recording(write(tmp_path, data))
    assert (recording.description, recording.expect) == ("", {})
    assert (recording.request.body, recording.request.json, recording.request.target) == (
        "x=1",
        None,
        "/",
    )
    assert (recording.response.headers, recording.response.delays) == ({}, None)
    assert recording.response.body == b""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (broken(["response"], ...), "response: missing"),
        (broken(["request", "url"], ...), "request.url: missing"),
        (
            broken(["response", "status"], "200"),
            "response.status: expected an integer, got a string",
        ),
        (broken(["response", "status"], 42), "response.status: not an HTTP status: 42"),
        (broken(["response", "status"], 101), "response.status: HTTP 101 has no body to replay"),
        (broken(["response", "status"], 204), "response.status: HTTP 204 has no body to replay"),
        (broken(["response", "status"], 304), "response.status: HTTP 304 has no body to replay"),
        (
            broken(["response", "chunks"], "data"),
            "response.chunks: expected an array, got a string",
        ),
        (broken(["response", "chunks", 1], 7), "response.chunks[1]: expected a string or"),
        (
            broken(["response", "chunks", 2], {"base64": "@@@"}),
            "response.chunks[2].base64: bad base64",
        ),
        (broken(["response", "chunks", 2], {"b64": "AA=="}), "response.chunks[2].b64: unknown key"),
        (broken(["response", "delays"], [0.1]), "response.delays: has 1 entries for 5 chunks"),
        (broken(["response", "delays", 0], -1), "response.delays[0]: not a non-negative number"),
        (broken(["response", "delays", 0], True), "response.delays[0]: expected a number"),
        (
            broken(["response", "headers", "X-Request-Id"], 1),
            "response.headers.X-Request-Id: expected a string",
        ),
        (
            broken(["request", "url"], "/v1/chat"),
            "request.url: not an absolute http(s) or ws(s) URL",
        ),
        (broken(["request", "method"], "post"), "request.method: not an HTTP method"),
        (
            broken(["request", "body"], "{}"),
            "request: give one of 'json', 'form' or 'body', not several",
        ),
        (
            broken(["response", "delays", 0], 1e12),
            "response.delays[0]: longer than an hour (3600 seconds): 1000000000000.0",
        ),
        (
            broken(["response", "delays", 0], float("inf")),
            "response.delays[0]: not a non-negative number of seconds: inf",
        ),
        (
            broken(["response", "headers", "X-Request-Id"], "req-1\r\nX-Injected: 1"),
            "response.headers.X-Request-Id: holds a control character ('\\r'), "
            "which no header can carry",
        ),
        (
            broken(["request", "headers", "Accept"], "text/\x7fevent-stream"),
            "request.headers.Accept: holds a control character ('\\x7f')",
        ),
        (
            broken(["response", "headers", "X-Split\nX-Other"], "1"),
            "response.headers: not a header name (an HTTP token): 'X-Split\\nX-Other'",
        ),
        (
            broken(["response", "headers", "X-Echo-<KEY>"], "1"),
            "response.headers: not a header name (an HTTP token): 'X-Echo-<KEY>'",
        ),
        (
            broken(["request", "weird\nkey"], "1"),
            "request.'weird\\nkey': unknown key",
        ),
        (broken(["expect"], []), "expect: expected an object, got an array"),
        (broken(["delays"], []), "delays: unknown key"),
        ([], "(file): expected an object, got an array"),
    ],
)
def test_load_errors_name_path_and_key(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(RecordingError) as caught:
        load_recording(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_a_tab_in_a_header_value_and_any_character_in_a_form_are_kept(tmp_path: Path) -> None:
    data = broken(["response", "headers", "X-Request-Id"], "req\t1")
    recording = load_recording(write(tmp_path, data))
    assert recording.response.headers["X-Request-Id"] == "req\t1"
    form = broken(["request", "json"], ...)
    form["request"]["form"] = {"prompt": "two\nlines"}
    assert load_recording(write(tmp_path, form)).request.form == {"prompt": "two\nlines"}


def nested(depth: int) -> str:
    """A recording whose request body is ``depth`` arrays, one in another."""
    data = recording_data()
    body = "[" * depth + "]" * depth
    return json.dumps(data).replace('{"messages": [{"role": "user", "content": "hi"}]}', body)


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (99, "request: JSON nested deeper than 100 levels"),
        (100_000, "(file): JSON nested too deeply to be read"),
    ],
)
def test_json_nested_too_deeply_is_refused_in_one_line(
    tmp_path: Path, depth: int, message: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested(depth), encoding="utf-8")
    with pytest.raises(RecordingError) as caught:
        load_recording(path)
    assert str(caught.value) == f"{path}: {message}"


def test_json_nested_as_deep_as_allowed_loads(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested(98), encoding="utf-8")  # 100 with the request and the file
    assert load_recording(path).request.json == json.loads("[" * 98 + "]" * 98)


def test_a_number_too_long_to_read_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(recording_data()).replace("200", "9" * 5000), encoding="utf-8")
    with pytest.raises(RecordingError) as caught:
        load_recording(path)
    assert str(caught.value).startswith(f"{path}: (file): cannot read its JSON: ")
    assert "\n" not in str(caught.value)


def test_load_errors_for_unreadable_files(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"request": ', encoding="utf-8")
    with pytest.raises(RecordingError, match=r"bad\.json: \(file\): invalid JSON at line 1"):
        load_recording(bad_json)
    with pytest.raises(RecordingError, match=r"missing\.json: \(file\): cannot read"):
        load_recording(tmp_path / "missing.json")


def test_load_recordings_expands_directories_sorted(tmp_path: Path) -> None:
    (tmp_path / "dir" / "nested").mkdir(parents=True)
    for name in ("b", "a"):
        write(tmp_path / "dir", recording_data(), name)
    write(tmp_path / "dir" / "nested", recording_data(), "c")
    (tmp_path / "dir" / "notes.txt").write_text("not a recording", encoding="utf-8")
    single = write(tmp_path, recording_data(), "single")
    recordings = load_recordings([single, tmp_path / "dir"])
    assert [recording.name for recording in recordings] == ["single", "a", "b", "c"]


def test_a_folder_without_recordings_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a recording", encoding="utf-8")
    with pytest.raises(RecordingError) as caught:
        load_recordings([tmp_path])
    assert str(caught.value) == f"{tmp_path}: (folder): no recordings (*.json) in it or below it"
