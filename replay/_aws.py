"""The replay server's check of AWS Signature Version 4, as AWS checks it: the signature
computed again over the request as it arrived (its method, its path and query as sent, the
headers it names as signed, its body), with the credentials the test gave, and the time it
was signed at within five minutes of the server's clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from generator.runtime._auth import Request
from generator.runtime._aws import AwsCredentials, AwsSigV4

__all__ = ["AWS_SIGNATURE", "AwsSignatures"]

AWS_SIGNATURE = "AWS4-HMAC-SHA256 "
"""How a SigV4 ``Authorization`` header begins."""

_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<day>\d{8})/(?P<region>[^/]+)/"
    r"(?P<service>[^/]+)/aws4_request, SignedHeaders=(?P<signed>[a-z0-9;-]+), "
    r"Signature=(?P<signature>[0-9a-f]{64})"
)
_SKEW = timedelta(minutes=5)
"""How far from the server's clock AWS lets a request's time be."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AwsSignatures:
    """Checks the SigV4 signature of each request that carries one, with these credentials
    (the session token too: a request must sign the same, or none without one)."""

    access_key_id: str
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)
    clock: Callable[[], datetime] = field(default=_utc_now)

    def problem(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> str | None:
        """Why the signed request ``method target`` (its path and query as sent) is refused,
        as AWS would say; None when its signature is good."""
        lowered = {name.lower(): value for name, value in headers.items()}
        found = _AUTHORIZATION.fullmatch(lowered.get("authorization", ""))
        if found is None:
            return "the Authorization header is no AWS Signature Version 4"
        if found["key"] != self.access_key_id:
            return "the security token included in the request is invalid (unknown access key)"
        try:
            signed_at = datetime.strptime(lowered.get("x-amz-date", ""), "%Y%m%dT%H%M%SZ")
        except ValueError:
            return "X-Amz-Date is missing or not a time"
        signed_at = signed_at.replace(tzinfo=UTC)
        if abs(self.clock() - signed_at) > _SKEW:
            return f"signature expired: signed at {signed_at:%Y%m%dT%H%M%SZ}, over 5 minutes away"
        if found["day"] != f"{signed_at:%Y%m%d}":
            return "the credential's date is not the day X-Amz-Date names"
        names = found["signed"].split(";")
        if "host" not in names or any(name not in lowered for name in names):
            return f"the signed headers {found['signed']} are not all sent, or lack host"
        token = lowered.get("x-amz-security-token") if "x-amz-security-token" in names else None
        if token != self.session_token:
            return "the security token included in the request is invalid (or missing, or unsigned)"
        credentials = AwsCredentials(self.access_key_id, self.secret_access_key, token)
        signer = AwsSigV4(found["service"], found["region"], credentials, clock=lambda: signed_at)
        received = Request(
            method, f"http://{lowered['host']}{target}", {n: lowered[n] for n in names}, body
        )
        expected = signer.signed(received).headers["Authorization"]
        if expected != lowered["authorization"]:
            return "the request signature we calculated does not match the signature you provided"
        return None
