# Generated from generator/runtime/_aws.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""AWS Signature Version 4: each request signed over its method, URL, headers and exact body,
with credentials from the environment, afresh on every attempt.

A package carries this module only when one of its specs signs with ``aws_sigv4``. It follows
AWS's specification (IAM user guide, "Create a signed AWS API request") and passes every case
of AWS's own test suite (``tests/data/aws/sigv4_testsuite.json``). It is the standard library's
``hashlib`` and ``hmac``, where botocore's signer would bring 33 MB and 80 ms of import
(``docs/spec-format.md`` says why, with the figures).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import quote, unquote, urlsplit

from yarl import URL

from ._auth import Auth, Request, Response

__all__ = [
    "ACCESS_KEY_VARIABLE",
    "SECRET_KEY_VARIABLE",
    "SESSION_TOKEN_VARIABLE",
    "AwsCredentials",
    "AwsSigV4",
    "canonical_request",
]

ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID"
SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY"
SESSION_TOKEN_VARIABLE = "AWS_SESSION_TOKEN"
"""The environment variables AWS's SDKs read credentials from; the token only for temporary
credentials (an assumed role, SSO)."""

_ALGORITHM = "AWS4-HMAC-SHA256"
_UNSIGNED = frozenset({"authorization", "user-agent", "expect", "x-amzn-trace-id"})
"""Headers never signed: the signature itself, and those a proxy may change on the way (as
AWS's SDKs leave them out)."""


@dataclass(frozen=True)
class AwsCredentials:
    """An access key, its secret and, for temporary credentials, a session token."""

    access_key_id: str = field(repr=False)
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AwsSigV4(Auth):
    """Signs each request for ``service`` with ``credentials``, in the region its host names
    (``SERVICE.REGION.amazonaws.com``, where ``base_url`` may have moved it), else ``region``.

    The request gets ``X-Amz-Date`` (the time of this attempt: a retry is signed again),
    ``X-Amz-Security-Token`` with temporary credentials and ``Authorization``; the ``Host``
    signed is the one aiohttp sends, as the URL names it. ``clock`` (the time now, by
    default) is for tests.
    """

    public_headers: ClassVar[frozenset[str]] = frozenset({"x-amz-date"})
    """The time of the signature is no secret: an error that quotes it shows it."""

    def __init__(
        self,
        service: str,
        region: str,
        credentials: AwsCredentials,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._service = service
        self._region = region
        self._credentials = credentials
        self._clock = clock

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        """The request, signed as it leaves."""
        yield self.signed(request)

    def signed(self, request: Request) -> Request:
        """``request`` with the headers of its signature."""
        now = (_utc_now() if self._clock is None else self._clock()).astimezone(UTC)
        timestamp, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        headers = _without(request.headers, {"authorization", "x-amz-date"})
        headers["X-Amz-Date"] = timestamp
        if self._credentials.session_token is not None:
            headers = _without(headers, {"x-amz-security-token"})
            headers["X-Amz-Security-Token"] = self._credentials.session_token
        unsigned = replace(request, headers=headers)
        # Signed as aiohttp will send it, and left to aiohttp: a header an auth adds is kept
        # secret, and the host is no secret an error should hide.
        host = (
            {} if any(name.lower() == "host" for name in headers) else {"Host": _host(request.url)}
        )
        canonical, signed_names = canonical_request(replace(request, headers={**headers, **host}))
        region = _region_of(request.url) or self._region
        scope = f"{day}/{region}/{self._service}/aws4_request"
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        string_to_sign = f"{_ALGORITHM}\n{timestamp}\n{scope}\n{digest}"
        key = self._signing_key(day, region)
        signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256)
        headers["Authorization"] = (
            f"{_ALGORITHM} Credential={self._credentials.access_key_id}/{scope}, "
            f"SignedHeaders={signed_names}, Signature={signature.hexdigest()}"
        )
        return unsigned

    def _signing_key(self, day: str, region: str) -> bytes:
        key = f"AWS4{self._credentials.secret_access_key}".encode()
        for part in (day, region, self._service, "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        return key


def canonical_request(request: Request) -> tuple[str, str]:
    """AWS's canonical form of ``request``, and the names of the headers it signs."""
    url = urlsplit(request.url)
    headers: dict[str, list[str]] = {}
    for name, value in request.headers.items():
        if name.lower() not in _UNSIGNED:
            headers.setdefault(name.lower(), []).append(" ".join(value.split()))
    names = sorted(headers)
    lines = [
        request.method.upper(),
        quote(_normalized_path(url.path), safe="/~"),
        _canonical_query(url.query),
        *(f"{name}:{','.join(headers[name])}" for name in names),
        "",
        ";".join(names),
        hashlib.sha256(request.body).hexdigest(),
    ]
    return "\n".join(lines), ";".join(names)


def _normalized_path(path: str) -> str:
    """``path`` with its dot segments resolved and its empty segments dropped (every service
    but S3 signs it so); ``/`` for none."""
    kept: list[str] = []
    segments = path.split("/")
    for segment in segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    trailing = segments[-1] in ("", ".", "..") and bool(kept)
    return "/" + "/".join(kept) + ("/" if trailing else "")


def _canonical_query(query: str) -> str:
    """The query's pairs, each side percent-encoded as AWS does, sorted."""
    pairs = []
    for pair in query.split("&") if query else ():
        name, _, value = pair.partition("=")
        pairs.append((_encoded(name), _encoded(value)))
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def _encoded(text: str) -> str:
    return quote(unquote(text), safe="-_.~")


_REGION = re.compile(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+")
"""What an AWS region's name looks like: us-east-1, eu-west-3, us-gov-west-1, cn-north-1."""
_AWS_DOMAINS = (("amazonaws", "com"), ("amazonaws", "com", "cn"), ("api", "aws"))


def _region_of(url: str) -> str | None:
    """The region an AWS host names (``bedrock-runtime.eu-west-1.amazonaws.com``, a VPC
    endpoint's ``....us-west-2.vpce.amazonaws.com``, dual-stack ``....api.aws``), else None."""
    labels = (urlsplit(url).hostname or "").split(".")
    for domain in _AWS_DOMAINS:
        if tuple(labels[-len(domain) :]) == domain:
            named = [label for label in labels[: -len(domain)] if _REGION.fullmatch(label)]
            return named[-1] if named else None
    return None


def _without(headers: dict[str, str], names: set[str]) -> dict[str, str]:
    """A copy of ``headers`` without those named (in any case)."""
    return {name: value for name, value in headers.items() if name.lower() not in names}


def _host(url: str) -> str:
    """The ``Host`` header aiohttp sends for ``url``, by the very function it uses: its host
    as written (case kept), and its port unless the scheme's own."""
    return URL(url, encoded=True).host_port_subcomponent or ""
