"""No secret in a recording: a server that echoes the key back everywhere leaves no trace of it;
nor in the runtime's errors, whose redaction the recorder shares.

The key is sent in the query (Gemini's ``key=``) and the ``--base-url``'s user and password as
Basic auth; the server sends both back in a header, a cookie and the text of the answer, the
key split across two writes.
"""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from aiohttp import web
from multidict import CIMultiDict

from generated import APIStatusError
from generated.gemini import Gemini
from replay._record import CallToRecord, record

from .conftest import local_server, replay, saved, spec

KEY = "Sk-Echo/Key+Secret=42"
USER, PASSWORD = "rec-user", "pa$$word"


async def echo(request: web.BaseRequest) -> web.StreamResponse:
    key = request.query["key"]
    authorization = request.headers["Authorization"]
    headers = CIMultiDict(
        {
            "Content-Type": "text/event-stream",
            "X-Echo-Key": key,
            "X-Echo-Query": request.rel_url.raw_query_string,
            "X-Echo-Authorization": authorization,
        }
    )
    headers.add("Set-Cookie", "theme=dark")
    headers.add("Set-Cookie", f"session={key}; Path=/")  # two: kept as one, then replaced
    response = web.StreamResponse(headers=headers)
    await response.prepare(request)
    text = f"your key is {key}, you are {authorization}"
    event = {"candidates": [{"content": {"parts": [{"text": text}]}}]}
    data = f"data: {json.dumps(event)}\n\n".encode()
    middle = data.index(key.encode()) + len(key) // 2
    await response.write(data[:middle])
    await asyncio.sleep(0.05)  # two reads: the key split between them
    await response.write(data[middle:])
    await response.write_eof()
    return response


async def test_an_echoed_key_and_password_leave_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", KEY)
    async with local_server(echo) as url:
        base_url = url.replace("http://", f"http://{USER}:{quote(PASSWORD)}@")
        data = await record(spec("gemini"), CallToRecord("Who am I?", base_url=base_url))
    recording = saved(data, tmp_path, "gemini")
    text = recording.path.read_text(encoding="utf-8")
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    for trace in (KEY, quote(KEY, safe=""), KEY.lower(), basic, PASSWORD, quote(PASSWORD), USER):
        assert trace not in text
    assert len(recording.response.chunks) == 2  # as it arrived, the cut moved past the key
    assert recording.request.url.endswith("?alt=sse&key=<GEMINI_API_KEY>")
    assert recording.response.headers["X-Echo-Key"] == "<GEMINI_API_KEY>"
    assert recording.response.headers["X-Echo-Query"] == "alt=sse&key=<GEMINI_API_KEY>"
    assert recording.response.headers["X-Echo-Authorization"] == "Basic <BASE_URL_CREDENTIALS>"
    set_cookie = "theme=<cookie_theme>, session=<GEMINI_API_KEY>; Path=/"
    assert recording.response.headers["Set-Cookie"] == set_cookie
    answer = "your key is <GEMINI_API_KEY>, you are Basic <BASE_URL_CREDENTIALS>"
    assert recording.expect["deltas"] == [answer]
    assert answer.encode() in recording.response.body
    await replay(recording)


TOKEN_KEY = "sk-Echo!Key*0123+4567"
"""A key a header name can hold (an HTTP token), which percent-encoding changes."""


def echoes_of(key: str) -> list[str]:
    """The ways a server writes a key back besides as it is: each character ``\\u``-escaped
    (in a JSON string), base64 (standard, and URL-safe without padding), percent-encoded twice,
    as HTML character references (decimal and hex)."""
    raw = key.encode()
    return [
        "".join(f"\\u{ord(character):04x}" for character in key),
        base64.b64encode(raw).decode(),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
        quote(quote(key, safe=""), safe=""),
        "".join(f"&#{ord(character)};" for character in key),
        "".join(f"&#x{ord(character):x};" for character in key),
    ]


async def encoded_echo(request: web.BaseRequest) -> web.StreamResponse:
    key = request.query["key"]
    headers = {"Content-Type": "text/event-stream", f"X-Echo-{key}": "1"}
    headers["X-Echo-Base64"] = base64.b64encode(key.encode()).decode()
    response = web.StreamResponse(headers=headers)
    await response.prepare(request)
    for echoed in echoes_of(key):  # as they are in the JSON: the first one decodes to the key
        event = f'{{"candidates": [{{"content": {{"parts": [{{"text": "echo: {echoed}"}}]}}}}]}}'
        await response.write(f"data: {event}\n\n".encode())
    await response.write_eof()
    return response


async def test_a_key_echoed_in_a_header_name_or_encoded_leaves_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", TOKEN_KEY)
    async with local_server(encoded_echo) as url:
        data = await record(spec("gemini"), CallToRecord("Who am I?", base_url=url))
    recording = saved(data, tmp_path, "gemini")
    file = recording.path.read_text(encoding="utf-8")
    for text in (file, recording.response.body.decode()):  # the file's JSON escapes the body
        for trace in [TOKEN_KEY, *echoes_of(TOKEN_KEY)]:
            assert trace.lower() not in text.lower()
    assert recording.response.headers["X-Echo-%GEMINI_API_KEY%"] == "1"
    assert recording.response.headers["X-Echo-Base64"] == "<GEMINI_API_KEY>"
    assert recording.expect["deltas"] == ["echo: <GEMINI_API_KEY>"] * len(echoes_of(TOKEN_KEY))
    await replay(recording)


@pytest.mark.parametrize("form", range(len(echoes_of(TOKEN_KEY))))
async def test_the_runtimes_errors_redact_the_same_encodings(
    form: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", TOKEN_KEY)

    async def refuse(request: web.BaseRequest) -> web.Response:
        body = f'{{"error": {{"message": "invalid key: {echoes_of(request.query["key"])[form]}"}}}}'
        return web.Response(status=400, text=body, content_type="application/json")

    async with local_server(refuse) as url:
        stream = Gemini.create_async_generator("gemini-pro", [], base_url=url, max_retries=0)
        with pytest.raises(APIStatusError) as caught:
            await stream.text()
    assert echoes_of(TOKEN_KEY)[form].lower() not in str(caught.value).lower()
    assert caught.value.body_excerpt == '{"error": {"message": "invalid key: <GEMINI_API_KEY>"}}'
