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
    ProviderConnectionError,
    ProviderTimeoutError,
    shorten,
)
from ._url import BaseURL, base_url_for, rebase_url

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
    None. ``base_url`` (the call's) moves the token request too, where it names its origin."""

    def __init__(
        self,
        provider: str,
        key_file: str | None,
        scopes: tuple[str, ...],
        base_url: BaseURL | None = None,
    ) -> None:
        self._provider = provider
        self._key_file = key_file
        self._scopes = scopes
        self._base_url = base_url

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        """The request with a token; once more with a new one if the API refuses it (401)."""
        key = self._key()
        token = await _TOKENS.get(key, self._scopes, self._token_uri(key), self._provider)
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status == 401:
            token = await _TOKENS.get(
                key, self._scopes, self._token_uri(key), self._provider, refused=token
            )
            request.headers["Authorization"] = f"Bearer {token}"
            yield request

    def _token_uri(self, key: _Key) -> str:
        moved = base_url_for(self._base_url, key.token_uri, same_origin=False)
        return key.token_uri if moved is None else rebase_url(key.token_uri, moved)

    def _key(self) -> _Key:
        """The credentials of the key file, or of the application default credentials."""
        path, named = self._key_file, "the key file"
        if path is None:
            path, named = os.environ.get(CREDENTIALS_VARIABLE), CREDENTIALS_VARIABLE
        if path is None:
            path, named = str(_GCLOUD_FILE.expanduser()), "gcloud's application default credentials"
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return _key_of(data)
        except (OSError, ValueError, KeyError, TypeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not a key file"
            raise ConfigurationError(
                f"Google credentials: {named} cannot be used ({reason}); give a service "
                "account's JSON key, or run gcloud auth application-default login",
                provider=self._provider,
                endpoint=f"file {named}",
            ) from None


def _key_of(data: Any) -> _Key:
    """The key a credentials file holds; KeyError or ValueError when it holds none."""
    kind = data["type"]
    if kind == "service_account":
        return _Key(
            kind,
            data["client_email"],
            data.get("token_uri", _TOKEN_URI),
            data["private_key"],
            key_id=data.get("private_key_id"),
        )
    if kind == "authorized_user":
        return _Key(
            kind,
            data["client_id"],
            data.get("token_uri", _TOKEN_URI),
            data["refresh_token"],
            client_secret=data["client_secret"],
        )
    raise ValueError(f"credentials of type {kind!r}")


class _Tokens:
    """The process's tokens, by key, scopes and token URI, each fetched by one call at a time."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[object, ...], _Token] = {}
        self._fetching: dict[tuple[object, ...], asyncio.Task[_Token]] = {}

    async def get(
        self,
        key: _Key,
        scopes: tuple[str, ...],
        token_uri: str,
        provider: str,
        *,
        refused: str | None = None,
    ) -> str:
        """A token that has more than a minute left, and is not ``refused``."""
        slot = (key, scopes, token_uri)
        token = self._tokens.get(slot)
        fresh = token is not None and token.expires - time.monotonic() > _REFRESH_MARGIN
        if token is not None and fresh and token.value != refused:
            return token.value
        fetching = self._fetching.get(slot)
        if fetching is None or fetching.get_loop() is not asyncio.get_running_loop():
            fetching = asyncio.ensure_future(_fetch(key, scopes, token_uri, provider))
            self._fetching[slot] = fetching
            fetching.add_done_callback(lambda _: self._fetching.pop(slot, None))
        # Shielded: a call cancelled while it waits does not cancel the others' fetch.
        token = await asyncio.shield(fetching)
        self._tokens[slot] = token
        return token.value


_TOKENS = _Tokens()


async def _fetch(key: _Key, scopes: tuple[str, ...], token_uri: str, provider: str) -> _Token:
    """A new token from ``token_uri``."""
    endpoint = f"POST {token_uri}"
    if key.kind == "service_account":
        form = {"grant_type": _JWT_GRANT, "assertion": _signed(key, scopes, token_uri, provider)}
    else:
        form = {
            "grant_type": "refresh_token",
            "client_id": key.identity,
            "client_secret": key.client_secret or "",
            "refresh_token": key.secret,
        }
    started = time.monotonic()
    try:
        async with (
            aiohttp.ClientSession(timeout=_FETCH_TIMEOUT) as session,
            session.post(
                token_uri,
                data=urlencode(form),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                allow_redirects=False,
            ) as response,
        ):
            text = await response.text(errors="replace")
            status = response.status
    except TimeoutError:
        raise ProviderTimeoutError(
            "no Google token within 30 s", provider=provider, endpoint=endpoint
        ) from None
    except aiohttp.ClientError as error:
        raise ProviderConnectionError(
            f"no Google token: {type(error).__name__}", provider=provider, endpoint=endpoint
        ) from None
    try:
        answer: Any = json.loads(text) if status == 200 else None
        value, lifetime = answer["access_token"], float(answer["expires_in"])
    except (ValueError, TypeError, KeyError):
        excerpt = shorten(" ".join(text.split()), ERROR_EXCERPT_CHARACTERS)
        raise AuthenticationError(
            status,
            f"Google refused the credentials: {excerpt}",
            provider=provider,
            endpoint=endpoint,
        ) from None
    return _Token(str(value), started + lifetime)


def _signed(key: _Key, scopes: tuple[str, ...], audience: str, provider: str) -> str:
    """The service account's assertion; ConfigurationError when it cannot be signed (no
    ``cryptography``, a private key that is none), the key never quoted."""
    try:
        return _assertion(key, scopes, audience)
    except ImportError:
        reason = "a service account's key needs the cryptography package: pip install cryptography"
    except (ValueError, TypeError):
        reason = "the service account's private_key is not an RSA private key in PEM"
    raise ConfigurationError(
        f"Google credentials: {reason}", provider=provider, endpoint=f"key of {key.identity}"
    )


def _assertion(key: _Key, scopes: tuple[str, ...], audience: str) -> str:
    """A service account's JWT for ``scopes``, signed with its private key (RS256)."""
    # Imported at the first fetch: a package that never fetches one never loads it.
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", **({"kid": key.key_id} if key.key_id else {})}
    claims = {
        "iss": key.identity,
        "scope": " ".join(scopes),
        "aud": audience,
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
