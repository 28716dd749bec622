"""The endpoint runtime: backoff, Retry-After, base_url, bodies and secrets in errors."""

from __future__ import annotations

import email.utils
import os
import time
import traceback
from typing import Any

import pytest
from aioresponses import aioresponses
from multidict import CIMultiDict

from generator.runtime._config import Retries
from generator.runtime._endpoint import Endpoint
from generator.runtime._exceptions import AuthenticationError, ConfigurationError, ProviderError
from generator.runtime._framings import SSEFraming
from generator.runtime._responses import retry_after
from generator.runtime._stream import TextStream
from generator.runtime._url import quote_path, quote_query, rebase_url
from replay import ReplayServer, load_recording

from ..conftest import RECORDINGS, sent_requests
from .compiled import compiled_rules

ORIGINAL_BACKOFF = Retries.backoff  # conftest replaces it for the rest of the suite


def test_backoff_doubles_up_to_the_cap_less_up_to_a_quarter() -> None:
    retries = Retries(initial_backoff=0.5, max_backoff=8.0)
    for attempt, full in enumerate([0.5, 1.0, 2.0, 4.0, 8.0, 8.0]):
        for _ in range(50):
            assert 0.75 * full <= ORIGINAL_BACKOFF(retries, attempt) <= full


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "soon", "Retry-After": "3"}, 3.0),
        ({"Retry-After": "not a date"}, None),
        ({}, None),
    ],
)
def testretry_after(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after(CIMultiDict(headers)) == expected


def test_retry_after_as_an_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = retry_after(CIMultiDict({"Retry-After": when}))
    assert wait is not None and 28 <= wait <= 30


@pytest.mark.parametrize(
    "base, expected",
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/chat?x=1"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/chat?x=1"),
        ("https://mirror.example/proxy/", "https://mirror.example/proxy/api/chat?x=1"),
    ],
)
def test_base_url_replaces_scheme_host_port_and_prefixes_the_path(base: str, expected: str) -> None:
    assert rebase_url("https://api.example.com/api/chat?x=1", base) == expected


def test_the_runtime_exports_the_whole_error_hierarchy() -> None:
    import generator.runtime as runtime
    import generator.runtime._exceptions as exceptions

    defined = {
        name
        for name, value in vars(exceptions).items()
        if isinstance(value, type) and issubclass(value, exceptions.ProviderError)
    }
    assert defined <= set(runtime.__all__)
    assert all(issubclass(getattr(runtime, name), exceptions.ProviderError) for name in defined)
    assert issubclass(runtime.ProviderTimeoutError, TimeoutError)


# ---------------------------------------------------------------- requests, over aioresponses

SSE_DONE = b'data: {"t": "ok"}\n\ndata: [DONE]\n\n'


def endpoint(**options: Any) -> Endpoint:
    framing = SSEFraming(rules=compiled_rules({"delta": "$.t"}), stop_data="[DONE]")
    return Endpoint("Probe", "POST", "https://api.probe.example/chat", framing, **options)


async def test_a_form_body_is_sent_as_url_encoded_fields(mock_http: aioresponses) -> None:
    mock_http.post(
        "https://api.probe.example/chat", body=SSE_DONE, content_type="text/event-stream"
    )
    stream = endpoint(body_format="form").stream({}, {"q": "a b", "n": 2, "fast": True})
    assert await stream.text() == "ok"
    [sent] = sent_requests(mock_http)
    assert sent.body == b"q=a+b&n=2&fast=true"
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"


async def test_no_body_sends_none(mock_http: aioresponses) -> None:
    mock_http.post(
        "https://api.probe.example/chat", body=SSE_DONE, content_type="text/event-stream"
    )
    assert await endpoint().stream({}, None).text() == "ok"
    [sent] = sent_requests(mock_http)
    assert sent.body == b""
    assert "Content-Type" not in sent.headers


async def test_a_url_for_the_call_moves_with_base_url(mock_http: aioresponses) -> None:
    mock_http.post(
        "http://127.0.0.1:9/mirror/v1/m%2F1?k=v", body=SSE_DONE, content_type="text/event-stream"
    )
    stream = endpoint().stream(
        {}, {}, url="https://api.probe.example/v1/m%2F1?k=v", base_url="http://127.0.0.1:9/mirror"
    )
    assert await stream.text() == "ok"


@pytest.mark.parametrize("base_url", ["127.0.0.1:8080", "ftp://mirror.example", "http://", "//x"])
def test_a_base_url_that_is_no_http_url_is_a_configuration_error_at_once(base_url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        endpoint().stream({}, {}, base_url=base_url)
    assert "base_url must be an http:// or https:// URL with a host" in str(caught.value)
    assert base_url not in str(caught.value) or base_url == "http://"


async def test_secrets_in_the_url_or_echoed_by_the_server_never_reach_an_error(
    mock_http: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROBE_KEY", "sk-secret-123")
    url = "https://api.probe.example/chat?key=sk-secret-123"
    mock_http.post(url, status=401, body=b'{"error": "bad key sk-secret-123"}')
    with pytest.raises(AuthenticationError) as caught:
        await endpoint(secrets=("PROBE_KEY",)).stream({}, {}, url=url).text()
    assert "sk-secret-123" not in str(caught.value)
    assert caught.value.endpoint == "POST https://api.probe.example/chat?key=<PROBE_KEY>"
    assert caught.value.body_excerpt == '{"error": "bad key <PROBE_KEY>"}'


def test_values_in_a_url_stay_one_segment_or_one_value() -> None:
    assert quote_path("..") == "%2E%2E"
    assert quote_path(".") == "%2E"
    assert quote_path("a/b.c") == "a%2Fb.c"
    assert quote_query(True) == "true"
    assert quote_path(False) == "false"
    assert quote_query("a b&c=d+e") == "a%20b%26c%3Dd%2Be"


async def test_a_dot_dot_segment_reaches_the_server_as_it_was_built() -> None:
    async with ReplayServer() as server:
        route = server.add(load_recording(RECORDINGS / "codelink_ava" / "hello.json"))
        stream = endpoint().stream(
            {},
            {},
            url=f"https://api.probe.example/v1/{quote_path('..')}/chat",
            base_url=server.base_url(route),
        )
        with pytest.raises(ProviderError):
            await stream.text()  # the route answers /api/chat only: a 404 here
        [request] = server.requests
        # Sent as %2E%2E, decoded by the server: the segment was neither dropped nor applied.
        assert (request.route, request.path) == (route, "/v1/../chat")


async def test_a_form_field_that_is_no_scalar_is_refused_before_sending() -> None:
    with pytest.raises(ConfigurationError) as caught:
        endpoint(body_format="form").stream({}, {"q": "x", "tags": ["a"]})
    assert "form field 'tags' is a list" in str(caught.value)


SECRET = "sk/se+cret=42"


def leaky_stream() -> TextStream:
    """A stream that sends the secret in a header and, escaped, in the URL's query."""
    secret = os.environ["PROBE_KEY"]
    url = f"http://127.0.0.1:9/v1?key={quote_query(secret)}"  # nothing listens on port 9
    probe = endpoint(secrets=("PROBE_KEY",), retries=Retries(max_retries=0))
    return probe.stream({"x-api-key": secret}, {}, url=url)


async def test_secrets_escaped_in_the_url_are_redacted_and_nothing_is_chained(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PROBE_KEY", SECRET)
    stream = leaky_stream()
    with pytest.raises(ProviderError) as caught:
        await stream.text()
    error = caught.value
    assert error.__cause__ is None and error.__context__ is None
    formatted = "".join(traceback.format_exception(error))
    exception = traceback.TracebackException.from_exception(error, capture_locals=True)
    with_locals = "".join(exception.format())
    for text in (str(error), formatted, with_locals):
        assert SECRET not in text and quote_query(SECRET) not in text
    assert "key=<PROBE_KEY>" in error.endpoint
