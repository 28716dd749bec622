"""AWS Signature Version 4 against AWS's own test suite (botocore's copy of it,
``tests/data/aws/sigv4_testsuite.json``), and as a call's auth: signed afresh on each attempt."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.runtime._auth import Request
from generator.runtime._aws import AwsCredentials, AwsSigV4, canonical_request

SUITE = json.loads(
    (Path(__file__).parents[1] / "data" / "aws" / "sigv4_testsuite.json").read_text("utf-8")
)
WHEN = datetime(2015, 8, 30, 12, 36, tzinfo=UTC)


def parsed(raw: str) -> Request:
    """The suite's raw request as the runtime holds one: folded header lines unfolded, a
    header given several times as one, its values joined by commas as HTTP allows."""
    head, _, body = raw.partition("\n\n")
    request_line, *lines = head.rstrip("\n").split("\n")  # two files end with a line end
    method, rest = request_line.split(" ", 1)
    target = rest.rsplit(" ", 1)[0]
    fields: list[list[str]] = []
    for line in lines:
        if line.startswith((" ", "\t")):  # a folded line: more of the header above
            fields[-1][1] += " " + line.strip()
        else:
            name, _, value = line.partition(":")
            fields.append([name, value])
    headers: dict[str, str] = {}
    for name, value in fields:
        headers[name] = f"{headers[name]},{value}" if name in headers else value
    return Request(method, f"https://example.amazonaws.com{target}", headers, body.encode())


def signer(case: dict[str, Any]) -> AwsSigV4:
    credentials = SUITE["credentials"]
    token = case["session_token"]
    return AwsSigV4(
        SUITE["service"],
        SUITE["region"],
        AwsCredentials(credentials["access_key_id"], credentials["secret_access_key"], token),
        clock=lambda: WHEN,
    )


CASES = {case["name"]: case for case in SUITE["cases"]}
"""Every case, those botocore skips included (three send a query name twice, one a space in
its request line): the runtime signs them all as AWS does."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_signature_is_aws_own(name: str) -> None:
    case = CASES[name]
    signed = signer(case).signed(parsed(case["request"]))
    assert signed.headers["Authorization"] == case["authorization"]
    canonical, _ = canonical_request(
        Request(signed.method, signed.url, signed.headers, signed.body)
    )
    # The canonical request is the suite's, but for the headers the signature adds.
    assert canonical == case["canonical_request"] or case["session_token"] is not None


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_canonical_request_and_string_to_sign_are_aws_own(name: str) -> None:
    case = CASES[name]
    request = parsed(case["request"])
    if case["session_token"] is not None:
        request.headers["X-Amz-Security-Token"] = case["session_token"]
    canonical, signed_names = canonical_request(request)
    assert canonical == case["canonical_request"]
    assert signed_names == canonical.split("\n")[-2]
    digest = case["string_to_sign"].split("\n")[-1]
    assert hashlib.sha256(canonical.encode()).hexdigest() == digest


def test_the_suite_is_whole() -> None:
    assert len(CASES) == 34
    assert set(SUITE["skipped"]) <= set(CASES)


def test_each_signature_has_its_own_time() -> None:
    times = iter([WHEN, datetime(2015, 8, 30, 12, 41, tzinfo=UTC)])
    auth = AwsSigV4(
        "bedrock", "us-east-1", AwsCredentials("AKID", "secret"), clock=lambda: next(times)
    )
    request = Request(
        "POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse-stream", {}, b"{}"
    )
    first, second = auth.signed(request), auth.signed(request)
    assert first.headers["X-Amz-Date"] == "20150830T123600Z"
    assert second.headers["X-Amz-Date"] == "20150830T124100Z"
    assert first.headers["Authorization"] != second.headers["Authorization"]
    assert request.headers == {}  # the built request is left as it was, for the next attempt


@pytest.mark.parametrize(
    ("host", "region"),
    [
        ("bedrock-runtime.eu-west-1.amazonaws.com", "eu-west-1"),
        ("bedrock-runtime-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ("vpce-0a1b2c3d-4e5f.bedrock-runtime.us-west-2.vpce.amazonaws.com", "us-west-2"),
        ("bedrock-runtime.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("bedrock-runtime.ap-southeast-2.api.aws", "ap-southeast-2"),
        ("bedrock.amazonaws.com", "us-east-1"),  # names none: the spec's
        ("eu-west-1.example.com", "us-east-1"),  # not AWS's: the spec's
    ],
)
def test_each_kind_of_aws_host_is_signed_for_its_region(host: str, region: str) -> None:
    auth = AwsSigV4("bedrock", "us-east-1", AwsCredentials("AKID", "secret"), clock=lambda: WHEN)
    signed = auth.signed(Request("POST", f"https://{host}/model/m/x", {}, b""))
    assert f"/{region}/bedrock/" in signed.headers["Authorization"]


def test_the_region_is_the_hosts_when_it_names_one() -> None:
    auth = AwsSigV4("bedrock", "us-east-1", AwsCredentials("AKID", "secret"), clock=lambda: WHEN)
    moved = Request("POST", "https://bedrock-runtime.eu-west-1.amazonaws.com/model/m/x", {}, b"")
    local = Request("POST", "http://127.0.0.1:8080/model/m/x", {}, b"")
    assert "/eu-west-1/bedrock/" in auth.signed(moved).headers["Authorization"]
    signed_local = auth.signed(local)
    assert "/us-east-1/bedrock/" in signed_local.headers["Authorization"]
    # The host is signed as aiohttp sends it, and left for aiohttp to send.
    assert "Host" not in signed_local.headers
    assert "SignedHeaders=host;x-amz-date," in signed_local.headers["Authorization"]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://Bedrock.Example/x", "Bedrock.Example"),  # as aiohttp sends it: case kept
        ("https://h.example:443/x", "h.example"),
        ("http://127.0.0.1:8080/x", "127.0.0.1:8080"),
        ("http://[::1]:81/x", "[::1]:81"),
    ],
)
def test_the_host_signed_is_the_one_aiohttp_sends(url: str, host: str) -> None:
    auth = AwsSigV4("bedrock", "us-east-1", AwsCredentials("AKID", "secret"), clock=lambda: WHEN)
    signed = auth.signed(Request("GET", url, {}, b""))
    canonical, _ = canonical_request(replace(signed, headers={**signed.headers, "Host": host}))
    expected = AwsSigV4(
        "bedrock", "us-east-1", AwsCredentials("AKID", "secret"), clock=lambda: WHEN
    )
    with_host = expected.signed(Request("GET", url, {"Host": host}, b""))
    assert signed.headers["Authorization"] == with_host.headers["Authorization"]
    assert f"\nhost:{host}\n" in canonical


def test_a_path_is_signed_as_sent_encoded_once_more() -> None:
    # Bedrock's model ids hold a colon, sent as %3A: AWS signs the path as it received it,
    # percent-encoded again (every service but S3).
    request = Request("POST", "https://h.example/model/anthropic.claude-v2%3A1/invoke", {}, b"")
    canonical, _ = canonical_request(request)
    assert canonical.split("\n")[1] == "/model/anthropic.claude-v2%253A1/invoke"


def test_no_credential_shows_in_a_representation() -> None:
    credentials = AwsCredentials("AKIDSECRETLOOKING", "the-secret-key", "the-token")
    assert not re.search("AKID|secret-key|the-token", repr(credentials))
