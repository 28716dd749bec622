"""W3C trace context: a client's ``traceparent`` goes with each upstream request its answer
makes, and only a well-formed one; a request without one sends none."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web

from .conftest import USER, serving, upstream_serving

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.mark.parametrize(
    ("sent", "passed"),
    [
        (TRACEPARENT, TRACEPARENT),
        (TRACEPARENT.upper(), TRACEPARENT),
        ("00-not-a-trace-01", None),
        (f"{TRACEPARENT}, {TRACEPARENT}", None),
        (None, None),
    ],
    ids=["well-formed", "upper case", "malformed", "two of them", "none"],
)
async def test_a_clients_traceparent_goes_upstream(sent: str | None, passed: str | None) -> None:
    seen: list[str | None] = []

    async def upstream(request: web.BaseRequest) -> web.StreamResponse:
        seen.append(request.headers.get("traceparent"))
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n')
        return response

    headers = {} if sent is None else {"traceparent": sent}
    async with (
        upstream_serving(upstream) as url,
        serving({"OpenaiChat": url}) as gateway,
        aiohttp.ClientSession() as session,
    ):
        body = {"model": "OpenaiChat/gpt-4o-mini", "messages": USER, "stream": True}
        async with session.post(
            f"{gateway}/v1/chat/completions", json=body, headers=headers
        ) as response:
            assert response.status == 200
            await response.read()
    assert seen == [passed]
