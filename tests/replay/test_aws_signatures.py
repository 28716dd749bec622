"""The replay server's check of AWS signatures, as AWS makes it, and a Bedrock call against
it: each attempt signed at its own time."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from yarl import URL

import generated._runtime._aws as aws
from generated import APIStatusError, Timeouts
from generated._runtime._auth import Request
from generated._runtime._aws import AwsCredentials, AwsSigV4
from generated.bedrock_converse import BedrockConverse
from replay import AwsSignatures, Fault, ReplayServer

from ..conftest import recording
from ..upstreams import serving

HELLO = recording("bedrock_converse", "hello")
CREDENTIALS = AwsCredentials("AKIDTEST", "test-secret-access-key", "test-session-token")
SIGNATURES = AwsSignatures("AKIDTEST", "test-secret-access-key", "test-session-token")
PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"
BODY = (
    b'{"messages":[{"role":"user","content":[{"text":"Hello! Who are you?"}]}],'
    b'"system":[{"text":"Answer in two sentences."}],"inferenceConfig":{"maxTokens":256}}'
)


async def sent(
    server: ReplayServer,
    credentials: AwsCredentials = CREDENTIALS,
    *,
    at: datetime | None = None,
    body: bytes = BODY,
) -> tuple[int, Any]:
    """A request of the recording's signed with ``credentials`` at ``at`` (now), ``body``
    sent: the status and the JSON of the answer (None for a stream)."""
    url = f"{server.base_url('hello')}{PATH}"
    headers = {"Content-Type": "application/json", "Accept": "application/vnd.amazon.eventstream"}
    signer = AwsSigV4("bedrock", "us-east-1", credentials, clock=lambda: at or datetime.now(UTC))
    signed = signer.signed(Request("POST", url, headers, BODY))
    async with (
        aiohttp.ClientSession() as session,
        # Sent as signed: yarl would write the path's %3A as a colon.
        session.post(URL(url, encoded=True), data=body, headers=signed.headers) as response,
    ):
        if response.content_type == "application/json":
            return response.status, await response.json()
        await response.read()
        return response.status, None


@pytest.fixture
async def server() -> Any:
    async with ReplayServer(aws=SIGNATURES) as replay:
        replay.add(HELLO)
        yield replay


async def test_a_good_signature_is_answered(server: ReplayServer) -> None:
    assert await sent(server) == (200, None)
    assert server.problems == []


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        (AwsCredentials("AKIDTEST", "another-secret", "test-session-token"), "does not match"),
        (AwsCredentials("AKIDOTHER", "test-secret-access-key"), "unknown access key"),
        (AwsCredentials("AKIDTEST", "test-secret-access-key", "another-token"), "token"),
        (AwsCredentials("AKIDTEST", "test-secret-access-key"), "token"),
    ],
)
async def test_a_wrong_credential_is_refused_as_aws_refuses_it(
    server: ReplayServer, credentials: AwsCredentials, reason: str
) -> None:
    status, answer = await sent(server, credentials)
    assert status == 403 and reason in answer["message"]
    assert len(server.problems) == 1 and reason in server.problems[0]


async def test_a_request_signed_too_long_ago_is_refused(server: ReplayServer) -> None:
    status, answer = await sent(server, at=datetime.now(UTC) - timedelta(minutes=6))
    assert status == 403 and "signature expired" in answer["message"]


async def test_a_body_changed_after_signing_is_refused(server: ReplayServer) -> None:
    status, answer = await sent(server, body=BODY.replace(b"256", b"999"))
    assert status == 403 and "does not match" in answer["message"]


async def test_an_unsigned_request_is_refused(server: ReplayServer) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{server.base_url('hello')}{PATH}", data=BODY) as response,
    ):
        assert response.status == 403
        assert "no AWS Signature Version 4" in (await response.json())["message"]


async def test_a_retried_bedrock_call_is_signed_again_at_its_own_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    times = iter([start, start + timedelta(seconds=61)])
    monkeypatch.setattr(aws, "_utc_now", lambda: next(times))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS.access_key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS.secret_access_key)
    monkeypatch.setenv("AWS_SESSION_TOKEN", "test-session-token")
    async with ReplayServer(aws=SIGNATURES) as server:
        route = server.add(HELLO, fault=Fault(status=503, times=1))
        call = HELLO.expect["call"]
        stream = BedrockConverse.create_async_generator(
            call["model"],
            call["messages"],
            base_url=server.base_url(route),
            timeout=Timeouts(total=30),
            **call["kwargs"],
        )
        assert await stream.text() == "".join(HELLO.expect["deltas"])
    assert server.problems == []
    first, second = server.requests
    assert first.headers["X-Amz-Date"] == f"{start:%Y%m%dT%H%M%SZ}"
    assert second.headers["X-Amz-Date"] == f"{start + timedelta(seconds=61):%Y%m%dT%H%M%SZ}"
    assert first.headers["Authorization"] != second.headers["Authorization"]


async def test_an_error_shows_the_signatures_time_and_host_but_not_the_signature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def echo(request: web.BaseRequest) -> web.Response:
        quoted = (
            f"{request.headers['X-Amz-Date']} {request.host} {request.headers['Authorization']}"
        )
        return web.Response(status=400, text=quoted)

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS.access_key_id)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS.secret_access_key)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    async with serving(echo) as base_url:
        call = HELLO.expect["call"]
        stream = BedrockConverse.create_async_generator(
            call["model"], call["messages"], base_url=base_url, **call["kwargs"]
        )
        with pytest.raises(APIStatusError) as refused:
            await stream.text()
    message = str(refused.value)
    assert re.search(r"\d{8}T\d{6}Z 127\.0\.0\.1:\d+ ", message)  # time and host shown
    assert "Signature=" not in message and CREDENTIALS.access_key_id not in message
