"""Google OAuth 2 access tokens: each request gets ``Authorization: Bearer <token>``.

The token comes from a service account's key file (a JWT signed with its private key, RS256,
exchanged at its ``token_uri``) or from the application default credentials (the key file
``GOOGLE_APPLICATION_CREDENTIALS`` names, else gcloud's ``application_default_credentials.json``,
a service account's or a user's refresh token). A token is fetched once and reused by every call
of the process until a minute before it expires; calls that need one at the same time wait for
one fetch; a 401 from the API fetches a new one, once. The private key and the token are
secrets: the token is a header the call keeps out of what it shows, and the key never leaves
this module. A package carries this module only when one of its specs signs with ``google``;
a service account's key needs the ``cryptography`` package, imported at the first fetch.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp

from ._auth import Auth, Request, Response
from ._constants import ERROR_EXCERPT_CHARACTERS
from ._exceptions import (
    AuthenticationError,
    ConfigurationError,
    ProtocolError,
    ProviderConnectionError,
    ProviderTimeoutError,
    shorten,
)
from ._url import BaseURL, base_url_for, is_http_url, rebase_url

__all__ = ["CREDENTIALS_VARIABLE", "GoogleAuth"]

CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS"
"""The variable that names the application default credentials' key file."""

_GCLOUD_FILE = Path("~/.config/gcloud/application_default_credentials.json")
_TOKEN_URI = "https://oauth2.googleapis.com/token"
_JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_ASSERTION_LIFETIME = 3600
_REFRESH_MARGIN = 60.0
"""A token is fetched anew this many seconds before it expires."""
_FETCH_TIMEOUT = aiohttp.ClientTimeout(total=30, sock_connect=10)


@dataclass(frozen=True)
class _Key:
    """What a token is fetched with: a service account's key or a user's refresh token."""

    kind: str
    identity: str
    """The service account's e-mail address, or the OAuth client's id."""
    token_uri: str
    secret: str = field(repr=False)
    """The private key (PEM), or the refresh token."""
    key_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class _Token:
    value: str = field(repr=False)
    expires: float
    """When it expires, by ``time.monotonic()``."""


class GoogleAuth(Auth):
    """Adds a Google access token for ``scopes`` to each request of provider ``provider``:
    of the key file at ``key_file``, or of the application default credentials when it is
    None. ``base_url`` and ``proxy`` (the call's) move the token request too: ``base_url``
    where it names its origin."""

    def __init__(
        self,
        provider: str,
        key_file: str | None,
        scopes: tuple[str, ...],
        base_url: BaseURL | None = None,
        proxy: str | None = None,
    ) -> None:
        self._provider = provider
        self._key_file = key_file
        self._scopes = scopes
        self._base_url = base_url
        self._proxy = proxy

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        """The request with a token; once more with a new one if the API refuses it (401)."""
        key = self._key()
        moved = base_url_for(self._base_url, key.token_uri, same_origin=False)
        sent_to = key.token_uri if moved is None else rebase_url(key.token_uri, moved)
        fetch = _Fetch(key, self._scopes, sent_to, self._proxy, self._provider)
        token = await _TOKENS.get(fetch)
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status == 401:
            token = await _TOKENS.get(fetch, refused=token)
            request.headers["Authorization"] = f"Bearer {token}"
            yield request

    def _key(self) -> _Key:
        """The credentials of the key file, or of the application default credentials."""
        path, named = self._key_file, "the key file"
        if path is None:
            path, named = os.environ.get(CREDENTIALS_VARIABLE), CREDENTIALS_VARIABLE
        if path is None:
            path, named = str(_GCLOUD_FILE.expanduser()), "gcloud's application default credentials"
        try:
            return _key_of(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise ConfigurationError(
                f"Google credentials: {named} cannot be used ({reason}); give a service "
                "account's JSON key, or run gcloud auth application-default login",
                provider=self._provider,
                endpoint=f"file {named}",
            ) from None


def _key_of(data: object) -> _Key:
    """The key a credentials file holds; ValueError, saying why (never quoting a value), when
    it holds none."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    kind = data.get("type")
    if kind == "service_account":
        fields = ("client_email", "private_key", "token_uri", "private_key_id")
    elif kind == "authorized_user":
        fields = ("client_id", "refresh_token", "client_secret", "token_uri")
    else:
        raise ValueError("neither a service account's key nor a user's credentials")
    texts = {name: data.get(name) for name in fields}
    texts["token_uri"] = texts["token_uri"] or _TOKEN_URI
    for name, value in texts.items():
        if not isinstance(value, str) and not (name == "private_key_id" and value is None):
            raise ValueError(f"its {name} is not text")
    if not is_http_url(str(texts["token_uri"])):
        raise ValueError("its token_uri is not an http(s) URL")
    if kind == "service_account":
        return _Key(
            kind,
            str(texts["client_email"]),
            str(texts["token_uri"]),
            str(texts["private_key"]),
            key_id=texts["private_key_id"],
        )
    return _Key(
        kind,
        str(texts["client_id"]),
        str(texts["token_uri"]),
        str(texts["refresh_token"]),
        client_secret=texts["client_secret"],
    )


@dataclass(frozen=True)
class _Fetch:
    """One token request: with ``key`` for ``scopes``, sent to ``sent_to`` (its token URI,
    or where ``base_url`` moved it) through ``proxy``."""

    key: _Key
    scopes: tuple[str, ...]
    sent_to: str
    proxy: str | None
    provider: str = field(compare=False)


class _Tokens:
    """The process's tokens, by fetch, each fetched by one call at a time."""

    def __init__(self) -> None:
        self._tokens: dict[_Fetch, _Token] = {}
        self._fetching: dict[_Fetch, asyncio.Task[_Token]] = {}

    async def get(self, fetch: _Fetch, *, refused: str | None = None) -> str:
        """A token that has more than a minute left, and is not ``refused``."""
        token = self._tokens.get(fetch)
        fresh = token is not None and token.expires - time.monotonic() > _REFRESH_MARGIN
        if token is not None and fresh and token.value != refused:
            return token.value
        task = self._fetching.get(fetch)
        if task is None or task.get_loop() is not asyncio.get_running_loop():
            task = asyncio.ensure_future(self._fetched(fetch))
            self._fetching[fetch] = task
        # Shielded: a call cancelled while it waits does not cancel the others' fetch.
        return (await asyncio.shield(task)).value

    async def _fetched(self, fetch: _Fetch) -> _Token:
        """A new token, kept for the calls to come."""
        try:
            token = self._tokens[fetch] = await _fetch(fetch)
            return token
        finally:
            if self._fetching.get(fetch) is asyncio.current_task():
                del self._fetching[fetch]


_TOKENS = _Tokens()


async def _fetch(fetch: _Fetch) -> _Token:
    """A new token from the token endpoint."""
    key = fetch.key
    if key.kind == "service_account":
        assertion = _signed(key, fetch.scopes, fetch.provider)
        form = {"grant_type": _JWT_GRANT, "assertion": assertion}
    else:
        form = {
            "grant_type": "refresh_token",
            "client_id": key.identity,
            "client_secret": key.client_secret or "",
            "refresh_token": key.secret,
        }
    endpoint = f"POST {fetch.sent_to}"
    started = time.monotonic()
    try:
        async with (
            aiohttp.ClientSession(timeout=_FETCH_TIMEOUT) as session,
            session.post(
                fetch.sent_to,
                data=urlencode(form),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                proxy=fetch.proxy,
                allow_redirects=False,
            ) as response,
        ):
            text = await response.text(errors="replace")
            status = response.status
    except TimeoutError:
        raise ProviderTimeoutError(
            "no Google token within 30 s", provider=fetch.provider, endpoint=endpoint
        ) from None
    except aiohttp.ClientError as error:
        raise ProviderConnectionError(
            f"no Google token: {type(error).__name__}", provider=fetch.provider, endpoint=endpoint
        ) from None
    if status != 200:
        # Google's refusal names the grant's fault (invalid_grant, ...), never a token.
        excerpt = shorten(" ".join(text.split()), ERROR_EXCERPT_CHARACTERS)
        raise AuthenticationError(
            status,
            f"Google refused the credentials: {excerpt}",
            provider=fetch.provider,
            endpoint=endpoint,
        )
    return _token(text, started, fetch.provider, endpoint)


def _token(text: str, started: float, provider: str, endpoint: str) -> _Token:
    """The token of a 200 answer; ProtocolError, quoting nothing of it (it may hold the
    token), when it holds no token and lifetime."""
    try:
        answer: Any = json.loads(text)
        value, lifetime = answer["access_token"], float(answer["expires_in"])
    except (ValueError, TypeError, KeyError):
        value, lifetime = None, math.nan
    if not isinstance(value, str) or not value or not 0 < lifetime < math.inf:
        raise ProtocolError(
            "Google's token endpoint answered 200 without a token (access_token) and its "
            "lifetime in seconds (expires_in)",
            provider=provider,
            endpoint=endpoint,
        )
    return _Token(value, started + lifetime)


def _signed(key: _Key, scopes: tuple[str, ...], provider: str) -> str:
    """The service account's assertion; ConfigurationError when it cannot be signed (no
    ``cryptography``, a private key that is none), the key never quoted."""
    try:
        return _assertion(key, scopes)
    except ImportError:
        reason = "a service account's key needs the cryptography package: pip install cryptography"
    except (ValueError, TypeError):
        reason = "the service account's private_key is not an RSA private key in PEM"
    raise ConfigurationError(
        f"Google credentials: {reason}", provider=provider, endpoint=f"key of {key.identity}"
    )


def _assertion(key: _Key, scopes: tuple[str, ...]) -> str:
    """A service account's JWT for ``scopes``, for its token URI (the audience Google checks,
    wherever ``base_url`` sends the request), signed with its private key (RS256)."""
    # Imported at the first fetch: a package that never fetches one never loads it.
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", **({"kid": key.key_id} if key.key_id else {})}
    claims = {
        "iss": key.identity,
        "scope": " ".join(scopes),
        "aud": key.token_uri,
        "iat": now,
        "exp": now + _ASSERTION_LIFETIME,
    }
    signing_input = f"{_encoded(header)}.{_encoded(claims)}".encode()
    private_key = serialization.load_pem_private_key(key.secret.encode(), password=None)
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise ValueError("a service account's key is an RSA key")
    signature = private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input.decode()}.{_base64url(signature)}"


def _encoded(document: dict[str, Any]) -> str:
    return _base64url(json.dumps(document, separators=(",", ":")).encode())


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
