"""Google access tokens (``auth: google``): the service account's signed assertion, one fetch
for many calls, reuse until a minute before expiry, a new token after a 401, application
default credentials, and no key or token in any error."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from aiohttp import web
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import generated._runtime._google as google
from generated import (
    AuthenticationError,
    ConfigurationError,
    PermissionDeniedError,
    ProtocolError,
)
from generated.vertex_gemini import VertexGemini

from ..conftest import service_account_key_file
from ..upstreams import serving

KEY_FILE = service_account_key_file()
KEY = json.loads(KEY_FILE.read_text())
MESSAGES = [{"role": "user", "content": "Hi"}]
ANSWER = (
    b'data: {"candidates":[{"content":{"parts":[{"text":"Hello"}]},"finishReason":"STOP"}]}\n\n'
)


class TokenServer:
    """Google's token endpoint: a token per request (``token-1``, ``token-2``, ...), each
    lasting ``lifetime`` seconds, after ``delay`` seconds; every form it was sent."""

    def __init__(self, lifetime: int = 3599, delay: float = 0.0, status: int = 200) -> None:
        self.forms: list[dict[str, str]] = []
        self.lifetime = lifetime
        self.delay = delay
        self.status = status

    async def handle(self, request: web.BaseRequest) -> web.Response:
        self.forms.append(dict(parse_qsl(await request.text())))
        await asyncio.sleep(self.delay)
        if self.status != 200:
            body = {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
            return web.json_response(body, status=self.status)
        token = f"token-{len(self.forms)}"
        return web.json_response({"access_token": token, "expires_in": self.lifetime})


class Vertex:
    """Vertex AI's streamGenerateContent: answers each token it is given ``refusals`` times
    with a 401 first; every Authorization header it was sent."""

    def __init__(self, refusals: int = 0) -> None:
        self.authorizations: list[str] = []
        self.refusals = refusals

    async def handle(self, request: web.BaseRequest) -> web.Response:
        await request.read()
        self.authorizations.append(request.headers.get("Authorization", ""))
        if self.refusals:
            self.refusals -= 1
            return web.json_response({"error": {"message": "token expired"}}, status=401)
        return web.Response(body=ANSWER, content_type="text/event-stream")


@asynccontextmanager
async def google_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tokens: TokenServer, vertex: Vertex
) -> AsyncIterator[dict[str, str]]:
    """Both servers on 127.0.0.1, the key file's token URI pointing at the first: the
    ``base_url`` that points the provider at the second."""
    async with serving(tokens.handle) as token_url, serving(vertex.handle) as vertex_url:
        using_key(tmp_path, monkeypatch, json.dumps({**KEY, "token_uri": f"{token_url}/token"}))
        yield {"https://aiplatform.googleapis.com": vertex_url}


def using_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str | None) -> None:
    """The provider's environment: GOOGLE_APPLICATION_CREDENTIALS naming a key file that holds
    ``written`` (a file that does not exist for None), and a project."""
    key_file = tmp_path / "key.json"
    if written is not None:
        key_file.write_text(written)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "test-project")


NOWHERE = {"https://aiplatform.googleapis.com": "http://127.0.0.1:9"}
"""A base URL for calls that fail before they send anything."""


async def answer_of(base_url: dict[str, str]) -> str:
    return await VertexGemini.create_async_generator("", MESSAGES, base_url=base_url).text()


@pytest.fixture(autouse=True)
def no_tokens_of_other_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(google, "_TOKENS", google._Tokens())


def decoded(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


async def test_the_assertion_is_a_jwt_signed_with_the_service_accounts_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = TokenServer()
    async with google_serving(tmp_path, monkeypatch, tokens, Vertex()) as base_url:
        assert await answer_of(base_url) == "Hello"
        token_uri = json.loads(
            Path(google.os.environ["GOOGLE_APPLICATION_CREDENTIALS"]).read_text()
        )["token_uri"]
    [form] = tokens.forms
    assert form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    header, claims, signature = form["assertion"].split(".")
    assert decoded(header) == {"alg": "RS256", "typ": "JWT", "kid": KEY["private_key_id"]}
    payload = decoded(claims)
    assert payload["iss"] == KEY["client_email"]
    assert payload["scope"] == "https://www.googleapis.com/auth/cloud-platform"
    assert payload["aud"] == token_uri
    assert payload["exp"] - payload["iat"] == 3600
    private = serialization.load_pem_private_key(KEY["private_key"].encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    private.public_key().verify(
        raw, f"{header}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256()
    )  # raises if the signature is not the key's


async def test_ten_calls_at_once_make_one_token_request_and_later_calls_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens, vertex = TokenServer(delay=0.2), Vertex()
    async with google_serving(tmp_path, monkeypatch, tokens, vertex) as base_url:
        answers = await asyncio.gather(*(answer_of(base_url) for _ in range(10)))
        assert answers == ["Hello"] * 10
        assert await answer_of(base_url) == "Hello"
    assert len(tokens.forms) == 1
    assert vertex.authorizations == ["Bearer token-1"] * 11


async def test_a_token_is_fetched_again_a_minute_before_it_expires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens, vertex = TokenServer(lifetime=59), Vertex()
    async with google_serving(tmp_path, monkeypatch, tokens, vertex) as base_url:
        await answer_of(base_url)
        await answer_of(base_url)
    assert vertex.authorizations == ["Bearer token-1", "Bearer token-2"]


async def test_a_refused_token_is_replaced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens, vertex = TokenServer(), Vertex(refusals=1)
    async with google_serving(tmp_path, monkeypatch, tokens, vertex) as base_url:
        assert await answer_of(base_url) == "Hello"
        assert vertex.authorizations == ["Bearer token-1", "Bearer token-2"]
        vertex.refusals = 2  # refused again with the new one: the API's 401 is the answer
        with pytest.raises(AuthenticationError) as refused:
            await answer_of(base_url)
    assert vertex.authorizations[2:] == ["Bearer token-2", "Bearer token-3"]
    assert "token-" not in str(refused.value)


async def test_a_refusal_of_the_token_endpoint_says_why_and_shows_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = TokenServer(status=400)
    async with google_serving(tmp_path, monkeypatch, tokens, Vertex()) as base_url:
        with pytest.raises(AuthenticationError, match="Invalid JWT Signature") as refused:
            await answer_of(base_url)
    message = str(refused.value)
    assert "PRIVATE KEY" not in message and tokens.forms[0]["assertion"] not in message


@pytest.mark.parametrize(
    "answer",
    [
        {"access_token": "token-in-answer"},
        {"access_token": "token-in-answer", "expires_in": None},
        {"access_token": "token-in-answer", "expires_in": "inf"},
        {"access_token": "token-in-answer", "expires_in": -5},
    ],
)
async def test_a_token_answer_without_a_lifetime_is_refused_and_not_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: dict[str, object]
) -> None:
    async def token(request: web.BaseRequest) -> web.Response:
        return web.json_response(answer)

    async with serving(token) as token_url:
        using_key(tmp_path, monkeypatch, json.dumps({**KEY, "token_uri": f"{token_url}/token"}))
        with pytest.raises(ProtocolError, match="without a token") as refused:
            await answer_of(NOWHERE)
    assert "token-in-answer" not in str(refused.value)


async def test_the_assertion_is_for_the_keys_token_uri_wherever_base_url_sends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens, vertex = TokenServer(), Vertex()
    async with serving(tokens.handle) as token_url, serving(vertex.handle) as vertex_url:
        using_key(tmp_path, monkeypatch, json.dumps(KEY))
        base_url = {
            "https://aiplatform.googleapis.com": vertex_url,
            "https://oauth2.googleapis.com": token_url,
        }
        assert await answer_of(base_url) == "Hello"
    claims = decoded(tokens.forms[0]["assertion"].split(".")[1])
    assert claims["aud"] == KEY["token_uri"] == "https://oauth2.googleapis.com/token"


async def test_the_token_never_shows_in_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def echo(request: web.BaseRequest) -> web.Response:
        return web.Response(status=403, text=f"{request.headers['Authorization']} may not")

    tokens = TokenServer()
    async with (
        google_serving(tmp_path, monkeypatch, tokens, Vertex()) as base_url,
        serving(echo) as echoing,
    ):
        base_url["https://aiplatform.googleapis.com"] = echoing
        with pytest.raises(PermissionDeniedError) as denied:
            await answer_of(base_url)
    assert "token-1" not in str(denied.value)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (None, "No such file"),
        ("{not json", "Expecting property name"),
        ("[]", "not a JSON object"),
        (json.dumps({"type": "external_account"}), "neither a service account's key nor"),
        (json.dumps({**KEY, "private_key": 12345}), "its private_key is not text"),
        (json.dumps({**KEY, "client_email": ["a"]}), "its client_email is not text"),
        (json.dumps({**KEY, "token_uri": "file:///etc/passwd"}), "not an http"),
    ],
)
async def test_a_key_file_that_cannot_be_used_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str | None, reason: str
) -> None:
    using_key(tmp_path, monkeypatch, written)
    with pytest.raises(ConfigurationError, match=reason):
        await answer_of(NOWHERE)


async def test_a_private_key_that_is_none_is_a_configuration_error_that_quotes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = {**KEY, "private_key": "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n"}
    using_key(tmp_path, monkeypatch, json.dumps(damaged))
    with pytest.raises(ConfigurationError, match="not an RSA private key") as refused:
        await answer_of(NOWHERE)
    assert "c2VjcmV0" not in str(refused.value)


async def test_a_users_application_default_credentials_refresh_their_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens, vertex = TokenServer(), Vertex()
    async with serving(tokens.handle) as token_url, serving(vertex.handle) as vertex_url:
        user = {
            "type": "authorized_user",
            "client_id": "client.apps.googleusercontent.com",
            "client_secret": "test-client-secret",
            "refresh_token": "test-refresh-token",
        }
        home = tmp_path / "home"
        gcloud = home / ".config" / "gcloud"
        gcloud.mkdir(parents=True)
        (gcloud / "application_default_credentials.json").write_text(json.dumps(user))
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
        monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "test-project")
        base_url = {
            "https://aiplatform.googleapis.com": vertex_url,
            "https://oauth2.googleapis.com": token_url,
        }
        assert await answer_of(base_url) == "Hello"
    assert tokens.forms == [
        {
            "grant_type": "refresh_token",
            "client_id": "client.apps.googleusercontent.com",
            "client_secret": "test-client-secret",
            "refresh_token": "test-refresh-token",
        }
    ]
    assert vertex.authorizations == ["Bearer token-1"]
