"""Flows of version 3, compiled and run against a real server on 127.0.0.1: steps made in order
and what they take passed on, cached steps, cookies, errors that name the step, secrets kept out
of errors, hosts picked per call, and every origin moved by a ``base_url`` mapping."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from generator import load_specs, render_provider

from ..upstreams import serving
from .conftest import BuiltPackage

Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]

SSE = "text/event-stream"


def sse(*texts: str) -> bytes:
    events = [f"data: {json.dumps({'t': text})}\n\n" for text in texts]
    return "".join([*events, "data: [DONE]\n\n"]).encode()


@dataclass
class Seen:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class FlowServer:
    """Answers each path with its handler, noting every request."""

    routes: dict[str, Handler]
    seen: list[Seen] = field(default_factory=list)

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        body = await request.read()
        self.seen.append(
            Seen(request.method, request.path, dict(request.query), dict(request.headers), body)
        )
        return await self.routes[request.path](request)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]


def answer(body: bytes | str, content_type: str = "application/json", **headers: str) -> Handler:
    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        data = body.encode() if isinstance(body, str) else body
        return web.Response(body=data, content_type=content_type, headers=headers)

    return handler


SPEC = """\
version: 3
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true,
           default_model: m1}}
{sections}
response: {{framing: sse, delta: $.t, stop: {{data: "[DONE]"}}}}
"""


def module(tmp_path: Path, built: BuiltPackage, sections: str) -> Any:
    """The module built from a spec of these sections."""
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(SPEC.format(sections=sections), encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    return built.load(render_provider(spec), "probe")


def load(tmp_path: Path, built: BuiltPackage, sections: str) -> Any:
    """The provider built from a spec of these sections."""
    return module(tmp_path, built, sections).Probe


MESSAGES = [{"role": "user", "content": "Hi there"}]

TOKEN_FLOW = """\
steps:
  get_token:
    method: GET
    url: https://probe.example/token?q=${last_user_message}
    take:
      token: {json: $.data.token}
request:
  url: https://probe.example/chat/${token}?mode=fast
  body: {token: "${token}"}
"""


async def test_a_token_flow_passes_the_token_on(tmp_path: Path, built: BuiltPackage) -> None:
    provider = load(tmp_path, built, TOKEN_FLOW)
    server = FlowServer(
        {
            "/token": answer('{"data": {"token": "t/1 2"}}'),
            "/chat/t/1 2": answer(sse("Hel", "lo"), SSE),
        }
    )
    async with serving(server.handle) as base_url:
        text = await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    assert text == "Hello"
    token, chat = server.seen
    assert (token.method, token.query) == ("GET", {"q": "Hi there"})
    assert (chat.method, chat.query, json.loads(chat.body)) == (
        "POST",
        {"mode": "fast"},
        {"token": "t/1 2"},
    )


async def test_a_missing_value_names_the_step_and_the_path(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, TOKEN_FLOW)
    server = FlowServer({"/token": answer('{"data": {"other": 1}}')})
    async with serving(server.handle) as base_url:
        with pytest.raises(errors.MissingValueError) as caught:
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    assert (caught.value.step, caught.value.value) == ("get_token", "token")
    assert "$.data.token" in str(caught.value)
    assert "step get_token: GET http://127.0.0.1" in caught.value.endpoint
    assert server.paths() == ["/token"]


async def test_a_failing_step_is_retried_then_named(tmp_path: Path, built: BuiltPackage) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, TOKEN_FLOW)

    async def busy(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=503, text="busy")

    server = FlowServer({"/token": busy})
    async with serving(server.handle) as base_url:
        stream = provider.create_async_generator("", MESSAGES, base_url=base_url, max_retries=2)
        with pytest.raises(errors.ServerError) as caught:
            await stream.text()
    assert caught.value.endpoint.startswith("step get_token: GET")
    assert server.paths() == ["/token"] * 3


PAGE_FLOW = """\
steps:
  page:
    method: GET
    url: https://probe.example/page
    take:
      nonce: {regex: 'data-nonce="([^"]+)"', unescape: true}
      settings: {regex: 'data-system="([^"]*)"', json: $.id}
      trace: {header: X-Trace}
      sid: {cookie: sid}
request:
  url: https://probe.example/chat
  headers: {X-Nonce: "${nonce}", X-Trace: "${trace}", X-Session: "${sid}"}
  body_format: form
  body: {system: "${settings}", q: "${prompt}"}
"""

PAGE = '<div data-nonce="a&amp;b-nonce" data-system="{&quot;id&quot;: 42}"></div>'


async def test_values_come_from_a_page_a_header_and_a_cookie_which_goes_along_too(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, PAGE_FLOW)

    async def page(request: web.BaseRequest) -> web.StreamResponse:
        response = web.Response(text=PAGE, content_type="text/html", headers={"X-Trace": "tr-9"})
        response.set_cookie("sid", "cookie-value-1")
        return response

    server = FlowServer({"/page": page, "/chat": answer(sse("ok"), SSE)})
    async with serving(server.handle) as base_url:
        assert await provider.create_async_generator("", MESSAGES, base_url=base_url).text() == "ok"
    chat = server.seen[1]
    assert chat.headers["X-Nonce"] == "a&b-nonce"
    assert chat.headers["X-Trace"] == "tr-9"
    assert chat.headers["X-Session"] == "cookie-value-1"
    assert chat.headers["Cookie"] == "sid=cookie-value-1"
    assert chat.body == b"system=42&q=Hi+there"


async def test_taken_values_and_cookies_stay_out_of_errors(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, PAGE_FLOW)

    async def page(request: web.BaseRequest) -> web.StreamResponse:
        response = web.Response(text=PAGE, content_type="text/html", headers={"X-Trace": "tr-9"})
        response.set_cookie("sid", "cookie-value-1")
        return response

    async def echo(request: web.BaseRequest) -> web.StreamResponse:
        shown = f"nonce a&b-nonce, cookie {request.headers['Cookie']}, trace tr-9"
        return web.Response(status=400, text=shown)

    server = FlowServer({"/page": page, "/chat": echo})
    async with serving(server.handle) as base_url:
        with pytest.raises(errors.APIStatusError) as caught:
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    shown = str(caught.value)
    for secret in ("a&b-nonce", "cookie-value-1", "tr-9"):
        assert secret not in shown
    assert "<nonce>" in shown and "<trace>" in shown


SETTINGS_FLOW = """\
steps:
  settings:
    url: https://probe.example/settings
    body_format: form
    body: {ethics: accepted}
    redirect: answer
request:
  url: https://probe.example/chat
  body: {q: "${prompt}"}
"""


async def test_a_step_for_its_cookies_whose_redirect_is_its_answer(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, SETTINGS_FLOW)

    async def settings(request: web.BaseRequest) -> web.StreamResponse:
        response = web.Response(status=303, headers={"Location": "/elsewhere"})
        response.set_cookie("settings", "saved-1")
        return response

    server = FlowServer({"/settings": settings, "/chat": answer(sse("ok"), SSE)})
    async with serving(server.handle) as base_url:
        assert await provider.create_async_generator("", MESSAGES, base_url=base_url).text() == "ok"
    assert server.paths() == ["/settings", "/chat"]  # the redirect was never followed
    assert server.seen[1].headers["Cookie"] == "settings=saved-1"


async def test_a_steps_redirect_is_an_error_unless_its_spec_says_otherwise(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, SETTINGS_FLOW.replace("    redirect: answer\n", ""))

    async def settings(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=303, headers={"Location": "/elsewhere"})

    server = FlowServer({"/settings": settings})
    async with serving(server.handle) as base_url:
        with pytest.raises(errors.RedirectError):
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    assert server.paths() == ["/settings"]


CACHED_FLOW = """\
steps:
  session:
    url: https://probe.example/session
    cache: true
    take:
      token: {json: $.token}
request:
  url: https://probe.example/chat
  headers: {Authorization: "Bearer ${token}"}
  body: {}
"""


async def test_a_cached_step_is_asked_once_and_again_after_a_refusal(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, CACHED_FLOW)
    tokens = iter(["old", "new"])

    async def session(request: web.BaseRequest) -> web.StreamResponse:
        return web.json_response({"token": next(tokens)})

    async def chat(request: web.BaseRequest) -> web.StreamResponse:
        if request.headers["Authorization"] == "Bearer old" and len(server.seen) > 2:
            return web.Response(status=401, text="expired")
        return web.Response(body=sse("ok"), content_type=SSE)

    server = FlowServer({"/session": session, "/chat": chat})
    async with serving(server.handle) as base_url:
        for _ in range(2):
            text = await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
            assert text == "ok"
    # The second call took the cached token, was refused, asked the step anew and went on.
    assert server.paths() == ["/session", "/chat", "/chat", "/session", "/chat"]
    assert server.seen[-1].headers["Authorization"] == "Bearer new"


SECRET_PARAMETER = """\
request:
  url: https://probe.example/chat
  headers: {Cookie: "${cookies}"}
  parameters:
    cookies: {type: str, required: true, secret: true}
  body: {q: "${prompt}"}
"""


async def test_a_secret_parameter_is_kept_out_of_errors(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, SECRET_PARAMETER)

    async def echo(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=403, text=f"bad cookies: {request.headers['Cookie']}")

    async with serving(echo) as base_url:
        stream = provider.create_async_generator(
            "", MESSAGES, base_url=base_url, cookies="session=abcdef123"
        )
        with pytest.raises(errors.PermissionDeniedError) as caught:
            await stream.text()
    assert "abcdef123" not in str(caught.value)
    assert "<cookies>" in str(caught.value)


HOSTS = """\
values:
  host: {choice: [one.probe.example, two.probe.example]}
steps:
  hello:
    url: https://auth.probe.example/hello
    take:
      token: {header: X-Token}
request:
  url: https://${host}/chat?token=${token}
  body: {}
"""


async def test_a_mapping_moves_every_origin_and_a_host_is_picked_per_call(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, HOSTS)
    server = FlowServer(
        {
            "/auth/hello": answer("{}", **{"X-Token": "tok"}),
            "/one/chat": answer(sse("one"), SSE),
            "/two/chat": answer(sse("two"), SSE),
        }
    )
    texts = set()
    async with serving(server.handle) as base_url:
        origins = {
            "https://auth.probe.example": f"{base_url}/auth",
            "https://one.probe.example": f"{base_url}/one",
            "https://two.probe.example": f"{base_url}/two",
        }
        for _ in range(40):
            stream = provider.create_async_generator("", MESSAGES, base_url=origins)
            texts.add(await stream.text())
    assert texts == {"one", "two"}
    assert {seen.query["token"] for seen in server.seen if seen.path != "/auth/hello"} == {"tok"}


def test_a_plain_base_url_moves_only_what_shares_the_streamed_requests_origin(
    tmp_path: Path, built: BuiltPackage
) -> None:
    elsewhere = TOKEN_FLOW.replace("probe.example/token", "auth.example/token")
    assert module(tmp_path, built, TOKEN_FLOW)._get_token_step.moves_with_base_url
    assert not module(tmp_path, built, elsewhere)._get_token_step.moves_with_base_url


def test_steps_read_as_awaited_calls(tmp_path: Path) -> None:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir()
    path.write_text(SPEC.format(sections=TOKEN_FLOW), encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    source = render_provider(spec)
    assert re.search(r"answer = await call\.fetch\(\s*_get_token_step,", source)
    assert (
        'token = answer.json_value("token", "$.data.token", _token_path(answer.json()))' in source
    )
    assert "async for items in call.streamed(" in source


# ---------------------------------------------------------------- secrets, wherever they go

COOKIE_PATH_FLOW = """\
steps:
  login:
    url: https://probe.example/auth/login
request:
  url: https://probe.example/api/chat
  body: {q: "${prompt}"}
"""


async def test_a_cookie_is_a_secret_whatever_path_it_was_set_for(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, COOKIE_PATH_FLOW)

    async def login(request: web.BaseRequest) -> web.StreamResponse:
        response = web.Response(text="{}")
        response.set_cookie("sid", "SuperSecretCookieValue", path="/api")
        return response

    async def echo(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=500, text=f"bad: {request.headers.get('Cookie')}")

    server = FlowServer({"/auth/login": login, "/api/chat": echo})
    async with serving(server.handle) as base_url:
        stream = provider.create_async_generator("", MESSAGES, base_url=base_url, max_retries=0)
        with pytest.raises(errors.ServerError) as caught:
            await stream.text()
    assert "SuperSecretCookieValue" not in str(caught.value)
    assert "sid=<cookie_sid>" in str(caught.value)


DERIVED_FLOW = """\
values:
  basic: {base64: "user:${env.PROBE_PASSWORD}"}
steps:
  session:
    url: https://probe.example/session
    take:
      account: {json: $.account}
request:
  url: https://probe.example/chat
  headers: {Authorization: "Basic ${basic}"}
  body: {account: "${account}"}
"""


async def test_what_is_computed_from_a_secret_or_taken_whole_is_a_secret_too(
    tmp_path: Path, built: BuiltPackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = built.runtime("_exceptions")
    monkeypatch.setenv("PROBE_PASSWORD", "hunter2-very-secret")
    provider = load(tmp_path, built, DERIVED_FLOW)
    account = {"id": "acct-123456", "token": "tok-abcdef"}

    async def echo(request: web.BaseRequest) -> web.StreamResponse:
        shown = f"{request.headers['Authorization']} {(await request.read()).decode()}"
        return web.Response(status=401, text=shown)

    server = FlowServer({"/session": answer(json.dumps({"account": account})), "/chat": echo})
    async with serving(server.handle) as base_url:
        with pytest.raises(errors.AuthenticationError) as caught:
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    shown = str(caught.value)
    for secret in ("dXNlcjpodW50ZXIyLXZlcnktc2VjcmV0", "acct-123456", "tok-abcdef"):
        assert secret not in shown, shown
    assert "Basic <basic>" in shown


async def test_a_refusal_after_the_cache_is_asked_anew_is_raised_bare(
    tmp_path: Path, built: BuiltPackage
) -> None:
    errors = built.runtime("_exceptions")
    provider = load(tmp_path, built, CACHED_FLOW)

    async def session(request: web.BaseRequest) -> web.StreamResponse:
        return web.json_response({"token": "tok-1234"})

    async def chat(request: web.BaseRequest) -> web.StreamResponse:
        if len(server.seen) <= 2:
            return web.Response(body=sse("ok"), content_type=SSE)
        return web.Response(status=401, text="expired")

    server = FlowServer({"/session": session, "/chat": chat})
    async with serving(server.handle) as base_url:
        assert await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
        with pytest.raises(errors.AuthenticationError) as caught:
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    assert server.paths() == ["/session", "/chat", "/chat", "/session", "/chat"]
    # Nothing of the first refusal (its frames, the request) rides along.
    assert caught.value.__context__ is None and caught.value.__cause__ is None


async def test_closing_a_call_while_a_step_waits_to_retry_ends_it_at_once(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, TOKEN_FLOW)

    async def busy(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=503, headers={"Retry-After": "3"}, text="busy")

    server = FlowServer({"/token": busy})
    async with serving(server.handle) as base_url:
        stream = provider.create_async_generator("", MESSAGES, base_url=base_url)
        reading = asyncio.ensure_future(stream.text())
        while not server.seen:
            await asyncio.sleep(0.01)
        started = asyncio.get_running_loop().time()
        await stream.aclose()  # from another task than the one reading
        assert await reading == ""
    assert asyncio.get_running_loop().time() - started < 1
    assert server.paths() == ["/token"]


async def test_a_cached_steps_values_are_kept_for_the_server_that_gave_them(
    tmp_path: Path, built: BuiltPackage
) -> None:
    provider = load(tmp_path, built, CACHED_FLOW)
    answers: list[str] = []

    async def session(request: web.BaseRequest) -> web.StreamResponse:
        return web.json_response({"token": f"tok-of-{request.host}"})

    async def chat(request: web.BaseRequest) -> web.StreamResponse:
        answers.append(request.headers["Authorization"])
        return web.Response(body=sse("ok"), content_type=SSE)

    first, second = (
        FlowServer({"/session": session, "/chat": chat}),
        FlowServer({"/session": session, "/chat": chat}),
    )
    async with serving(first.handle) as one, serving(second.handle) as other:
        for base_url in (one, other, one, other):
            await provider.create_async_generator("", MESSAGES, base_url=base_url).text()
    assert first.paths() == ["/session", "/chat", "/chat"]
    assert second.paths() == ["/session", "/chat", "/chat"]
    assert len(set(answers)) == 2  # each server was sent its own token
