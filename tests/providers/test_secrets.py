"""Secrets come from the environment at call time and go nowhere else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from aioresponses import aioresponses

from generated import APIStatusError, ConfigurationError, MissingSecretError, ProviderError
from generated.anthropic_messages import AnthropicMessages
from generated.gemini import Gemini
from generated.openai_chat import OpenaiChat
from generator import main

from ..conftest import RECORDINGS, ROOT, recording, replay, sent_requests

SECRET = "sk-live-DO-NOT-LEAK-4242"
SECRET_HEADERS = {"authorization", "x-api-key"}


def test_a_missing_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(MissingSecretError) as caught:
        OpenaiChat.create_async_generator("", [])
    assert caught.value.variable == "OPENAI_API_KEY"
    assert isinstance(caught.value, ConfigurationError)
    assert str(caught.value) == (
        "OpenaiChat: environment variable OPENAI_API_KEY is not set (the spec reads it) "
        "[POST https://api.openai.com/v1/chat/completions]"
    )


def test_a_missing_variable_names_the_url_the_call_would_have_requested(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The key stands in the query, the model in the path: neither is known yet, and the
    # call was going to its base_url.
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    with pytest.raises(MissingSecretError) as caught:
        Gemini.create_async_generator("", [], base_url="http://127.0.0.1:8080/proxy")
    assert caught.value.endpoint == (
        "POST http://127.0.0.1:8080/proxy/v1beta/models/<model>:streamGenerateContent"
        "?alt=sse&key=<GEMINI_API_KEY>"
    )


async def test_the_secret_is_sent_but_never_in_an_error(
    monkeypatch: pytest.MonkeyPatch, mock_http: aioresponses
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    mock_http.post(
        "https://api.anthropic.com/v1/messages", status=401, body=b'{"error":"invalid x-api-key"}'
    )
    with pytest.raises(ProviderError) as caught:
        await AnthropicMessages.create_async_generator("", [], max_tokens=10).text()
    [sent] = sent_requests(mock_http)
    assert sent.headers["x-api-key"] == SECRET
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value.__dict__)


def test_generated_modules_hold_variable_names_not_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    monkeypatch.chdir(ROOT)
    assert main(["build", "--output", str(tmp_path / "package")]) == 0
    sources = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.py")}
    assert sources and not any(SECRET in source for source in sources.values())
    assert '_ENDPOINT.secret("OPENAI_API_KEY", base_url)' in sources["openai_chat.py"]


def recorded_requests() -> list[tuple[Path, dict[str, Any]]]:
    """Every request of every recording, as written, with its file."""
    requests = []
    for path in sorted(RECORDINGS.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for exchange in data.get("exchanges", [data]):
            requests.append((path, exchange["request"]))
    return requests


def test_recordings_hold_placeholders_for_secrets() -> None:
    for path, request in recorded_requests():
        spec = (ROOT / "specs" / f"{path.parent.name}.yaml").read_text(encoding="utf-8")
        for name, value in request.get("headers", {}).items():
            if name.lower() in SECRET_HEADERS:
                # A placeholder, or a public value the spec writes itself ("Bearer free").
                public = value.split(" ")[-1] in spec
                placeholder = value.endswith(">") and "<" in value
                assert placeholder or public, f"{path}: {name} holds a real value"


@pytest.mark.parametrize(
    "echoed",
    [
        b'{"error": "invalid key sk-a\\/b+c=="}',
        b"bad key: sk-a/b%2Bc%3D%3D",
        b"bad key: sk-a%2Fb%2Bc%3D%3D",
    ],
    ids=["json-escaped", "url-escaped-as-a-path", "url-escaped"],
)
async def test_a_key_echoed_escaped_is_never_in_an_error(
    monkeypatch: pytest.MonkeyPatch, mock_http: aioresponses, echoed: bytes
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-a/b+c==")
    mock_http.post("https://api.anthropic.com/v1/messages", status=401, body=echoed)
    with pytest.raises(ProviderError) as caught:
        await AnthropicMessages.create_async_generator("", [], max_tokens=10).text()
    assert "<ANTHROPIC_API_KEY>" in str(caught.value)
    for form in ("sk-a/b+c==", "sk-a\\/b+c==", "sk-a/b%2Bc%3D%3D", "sk-a%2Fb%2Bc%3D%3D"):
        assert form.lower() not in str(caught.value).lower()


async def test_a_key_in_the_url_is_sent_but_never_in_an_error(
    monkeypatch: pytest.MonkeyPatch, mock_http: aioresponses
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", SECRET)
    bad_key = recording("gemini", "bad_key")
    replay(mock_http, bad_key, url=bad_key.request.url.replace("<GEMINI_API_KEY>", SECRET))
    call = bad_key.expect["call"]
    assert isinstance(call, dict)
    with pytest.raises(APIStatusError) as caught:
        await Gemini.create_async_generator(call["model"], call["messages"]).text()
    [sent] = sent_requests(mock_http)
    url = sent.url
    assert url.endswith(f"?alt=sse&key={SECRET}")
    assert SECRET not in str(caught.value)
    assert caught.value.endpoint.endswith("?alt=sse&key=<GEMINI_API_KEY>")


def test_recorded_urls_hold_placeholders_for_keys() -> None:
    for path, request in recorded_requests():
        query = urlsplit(request["url"]).query
        for name, value in parse_qsl(query):
            if name.lower() in {"key", "api_key", "token"}:
                assert value.startswith("<") and value.endswith(">"), f"{path}: {name} is a value"
