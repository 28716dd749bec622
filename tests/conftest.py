"""Shared test helpers: where things are, recordings replayed through aioresponses.

Nothing here imports a runtime: tests of the runtime's source (``runtime/``, ``generator/``)
and tests of the project's built package (the other folders) each use one copy of it, and the
fixtures that patch it are their folders' own (``instant_retries``, ``noting_closes``).
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import aiohttp
import aiohttp.abc
import pytest
from aioresponses import aioresponses
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from replay import AwsSignatures, Recording, load_recording

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "recordings"
DATA = Path(__file__).parent / "data"


def recording(provider: str, name: str) -> Recording:
    """The recording recordings/<provider>/<name>.json."""
    return load_recording(RECORDINGS / provider / f"{name}.json")


def all_recordings() -> list[Recording]:
    """Every recording of the project's providers that is one HTTP exchange whose request is
    written to the letter: what a mock (aioresponses) can answer and compare."""
    return [recording for recording in _recordings() if not _served(recording)]


def served_recordings() -> list[Recording]:
    """Every other recording: several exchanges, a WebSocket, or a request with ``<*>`` in it,
    which only the replay server can serve and check."""
    return [recording for recording in _recordings() if _served(recording)]


def _served(recording: Recording) -> bool:
    request = json.dumps(dataclasses.asdict(recording.request))
    return recording.is_flow or "<*>" in request


_NAME = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")


def flow_values(recording: Recording, secrets: Iterable[str]) -> dict[str, str]:
    """A test value (``test-<name>``) for each ``<name>`` a flow's requests and call hold, and
    for each of ``secrets`` (the variables its spec reads): what the replay server serves and
    expects back (see ``replay._matching``)."""
    written = json.dumps(
        [
            [dataclasses.asdict(exchange.request), [m.text for m in exchange.messages or ()]]
            for exchange in recording.exchanges
        ]
        + [recording.expect.get("call")],
        default=str,
    )
    names = set(_NAME.findall(written)) | set(secrets)
    return {name: _test_value(name) for name in sorted(names)}


def _test_value(name: str) -> str:
    """What the tests give ``name``: a file where it names one, else ``test-<name>``."""
    if name == "GOOGLE_APPLICATION_CREDENTIALS":
        return str(service_account_key_file())
    return f"test-{name.lower()}"


@functools.cache
def service_account_key_file() -> Path:
    """A Google service account's JSON key made for this run of the tests, in a folder of its
    own: a fresh RSA key, registered nowhere, so that no key is ever committed."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    document = {
        "type": "service_account",
        "project_id": "streamgen-tests",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem.decode(),
        "client_email": "tests@streamgen-tests.iam.gserviceaccount.com",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    folder = Path(tempfile.mkdtemp(prefix="streamgen-google-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "service_account.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def aws_signatures(values: Mapping[str, str]) -> AwsSignatures | None:
    """The replay server's check of AWS signatures with the credentials a test set (the
    values of ``flow_values``), for a provider that signs with them; else None."""
    if "AWS_SECRET_ACCESS_KEY" not in values:
        return None
    return AwsSignatures(
        values["AWS_ACCESS_KEY_ID"],
        values["AWS_SECRET_ACCESS_KEY"],
        values.get("AWS_SESSION_TOKEN"),
    )


def filled(value: Any, values: dict[str, str]) -> Any:
    """A call's argument with each ``<name>`` replaced by its test value."""
    if isinstance(value, str):
        return _NAME.sub(lambda match: values.get(match.group(1), match.group()), value)
    if isinstance(value, list):
        return [filled(item, values) for item in value]
    if isinstance(value, dict):
        return {key: filled(item, values) for key, item in value.items()}
    return value


class NoInternet(aiohttp.abc.AbstractResolver):
    """A resolver that resolves no name: a session with it reaches 127.0.0.1 (an address,
    never resolved) and nothing else, so a request a test failed to point at its server
    fails at once instead of reaching the internet."""

    async def resolve(self, host: str, port: int = 0, family: int = 0) -> list[Any]:
        raise OSError(f"tests never reach the internet: {host} was asked for")

    async def close(self) -> None:
        return None


def _recordings() -> list[Recording]:
    return [load_recording(path) for path in sorted(RECORDINGS.glob("*/*.json"))]


def instant_retries(monkeypatch: pytest.MonkeyPatch, retries: type) -> None:
    """Retry at once (``retries`` is the ``Retries`` class of the runtime a test uses): the
    backoff schedule has its own tests, and sleeping would slow the rest."""
    monkeypatch.setattr(retries, "backoff", lambda self, attempt: 0.0)


@pytest.fixture
def mock_http() -> Iterator[aioresponses]:
    """aioresponses, active for the test; no request reaches the network."""
    with aioresponses() as mock:
        yield mock


def replay(mock: aioresponses, recorded: Recording, url: str | None = None) -> None:
    """Answer the recorded request with the recorded response (aioresponses: one chunk)."""
    headers = dict(recorded.response.headers)
    content_type = headers.pop("Content-Type", "application/octet-stream")
    mock.add(
        url or recorded.request.url,
        method=recorded.request.method,
        status=recorded.response.status,
        body=recorded.response.body,
        headers=headers,
        content_type=content_type,
        repeat=True,
    )


class SentRequest(NamedTuple):
    """A request the code under test made, as aioresponses saw it."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    """The body's bytes, empty for none."""

    def json(self) -> Any:
        """The body, decoded as JSON."""
        return json.loads(self.body)


def sent_requests(mock: aioresponses) -> list[SentRequest]:
    """Every request the code under test made, in order."""
    return [
        SentRequest(method, str(url), dict(call.kwargs["headers"]), call.kwargs["data"] or b"")
        for (method, url), calls in mock.requests.items()
        for call in calls
    ]


def forget_step_caches(package: str, cache_class: type) -> None:
    """Empty every step cache of ``package``'s loaded provider modules (``cache_class`` is its
    runtime's ``StepCache``): a test's call asks each cached step anew, whatever ran before."""
    for name, module in list(sys.modules.items()):
        if name.startswith(f"{package}.") and module is not None:
            for value in vars(module).values():
                if isinstance(value, cache_class):
                    value.clear()


def noting_closes(monkeypatch: pytest.MonkeyPatch, stream_class: Any) -> list[Any]:
    """Every stream closed during the test (``aclose``), in order; ``stream_class`` is the
    ``TextStream`` of the runtime the test uses."""
    closed: list[Any] = []
    aclose = stream_class.aclose

    async def noted_aclose(stream: Any) -> None:
        closed.append(stream)
        await aclose(stream)

    monkeypatch.setattr(stream_class, "aclose", noted_aclose)
    return closed
