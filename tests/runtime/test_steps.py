"""Steps on their own, against a real server on 127.0.0.1: what is taken from an answer, and
what a step never does (follow a redirect, read without bound, show a secret)."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Callable
from typing import Any

import pytest
from aiohttp import web

from generator.runtime import _steps
from generator.runtime._endpoint import Endpoint
from generator.runtime._exceptions import (
    MissingValueError,
    RedirectError,
    ResponseLimitError,
)
from generator.runtime._framings import SSEFraming
from generator.runtime._steps import Answer, Step, StepCache

from ..upstreams import serving
from .compiled import compiled_rules

KEY = "sk-very-secret-key"
ENDPOINT = Endpoint(
    "Probe",
    "POST",
    "https://probe.example/chat",
    SSEFraming(rules=compiled_rules({"delta": "$.t"})),
    secrets=("PROBE_KEY",),
)


def answering(body: bytes, status: int = 200, **headers: str) -> Any:
    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=status, body=body, headers=headers)

    return handler


def token_step(base_url: str) -> Step:
    return Step("Probe", "token", "GET", f"{base_url}/token?key={KEY}")


async def fetched(
    handler: Any, take: Callable[[Answer], object], step: Callable[[str], Step] = token_step
) -> object:
    """What ``take`` takes from the answer of ``step`` (made for the server's base URL), the
    step made as a call makes it."""
    async with serving(handler) as base_url:
        call = ENDPOINT.call()
        made = step(base_url)

        async def exchanges() -> AsyncGenerator[list[Any], None]:
            answer = await call.fetch(made, {}, None)
            yield [take(answer)]

        return await call.answer(exchanges).__anext__()


async def test_a_missing_value_names_the_step_and_shows_no_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROBE_KEY", KEY)
    handler = answering(f'{{"echo": "{KEY}"}}'.encode(), content_type="application/json")
    with pytest.raises(MissingValueError) as caught:
        await fetched(handler, lambda answer: answer.json_value("token", "$.token", _steps.MISSING))
    shown = str(caught.value)
    assert (caught.value.step, caught.value.value) == ("token", "token")
    assert KEY not in shown and "<PROBE_KEY>" in shown
    assert "step token: GET http://127.0.0.1" in shown


async def test_a_pattern_reads_a_bounded_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_steps, "LONGEST_MATCHED_TEXT", 100)
    pattern = re.compile(r'nonce="(\w+)"')
    near = answering(b'nonce="near"' + b" " * 200)
    far = answering(b" " * 200 + b'nonce="far"')
    assert await fetched(near, lambda answer: answer.match("nonce", pattern)) == "near"
    with pytest.raises(MissingValueError):
        await fetched(far, lambda answer: answer.match("nonce", pattern))


async def test_a_step_never_follows_a_redirect() -> None:
    seen: list[str] = []

    async def redirect(request: web.BaseRequest) -> web.StreamResponse:
        seen.append(request.path)
        return web.Response(status=302, headers={"Location": "/elsewhere"})

    with pytest.raises(RedirectError):
        await fetched(redirect, lambda answer: answer.text())
    assert seen == ["/token"]


async def test_a_steps_answer_is_bounded() -> None:
    def page(base_url: str) -> Step:
        return Step("Probe", "page", "GET", f"{base_url}/page", max_response_bytes=1000)

    with pytest.raises(ResponseLimitError):
        await fetched(answering(b"x" * 5000), lambda answer: answer.text(), page)


def test_a_cache_keeps_its_values_for_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(_steps.time, "monotonic", lambda: now[0])
    cache = StepCache(seconds=60)
    assert cache.get("https://a.example") is None
    cache.keep("https://a.example", {"token": "t"})
    now[0] += 59
    assert cache.get("https://a.example") == {"token": "t"}
    assert cache.get("http://127.0.0.1:8080") is None  # another server's are its own
    now[0] += 2
    assert cache.get("https://a.example") is None
