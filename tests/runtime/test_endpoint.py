"""Pure parts of the endpoint runtime: backoff, Retry-After, base_url."""

from __future__ import annotations

import email.utils
import time

import pytest
from multidict import CIMultiDict

from generator.runtime._config import Retries
from generator.runtime._endpoint import _retry_after, rebase_url

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
def test_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert _retry_after(CIMultiDict(headers)) == expected


def test_retry_after_as_an_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = _retry_after(CIMultiDict({"Retry-After": when}))
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
