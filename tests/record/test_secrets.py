"""No secret in a recording: a server that echoes the key back everywhere leaves no trace of it.

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
