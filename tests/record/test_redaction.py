"""Redaction: secret values wherever they are, credential headers and query values whole."""

from __future__ import annotations

import base64
import html
import itertools
from collections.abc import Callable
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replay._redaction import RecordingRedactor

KEY = "sk-Live/Key+1"
REDACTOR = RecordingRedactor({"API_KEY": KEY, "SHORT": "abc"}, ["http://me:hunter2@example.com"])


def test_a_value_is_replaced_as_it_is_escaped_and_in_any_case() -> None:
    text = f"{KEY} {KEY.upper()} sk-Live%2FKey%2B1 me:hunter2 bWU6aHVudGVyMg== abc"
    assert REDACTOR.text(text) == (
        "<API_KEY> <API_KEY> <API_KEY> <BASE_URL_CREDENTIALS> <BASE_URL_CREDENTIALS> abc"
    )


@pytest.mark.parametrize(
    "echoed",
    [
        "sk-Live\\/Key+1",  # JSON with the solidus escaped
        "sk-Live/Key%2B1",  # URL-escaped as a path
        "sk-Live%2FKey%2B1",  # URL-escaped wholly
        "SK-LIVE%2fKEY%2b1",  # in another case
    ],
)
def test_a_value_is_replaced_in_every_form_a_server_echoes_it(echoed: str) -> None:
    assert REDACTOR.text(f"invalid key: {echoed}.") == "invalid key: <API_KEY>."


def test_a_value_with_quotes_is_replaced_json_escaped_and_form_encoded() -> None:
    redactor = RecordingRedactor({"KEY": 'pa ss"wörd'})
    echoed = ['pa ss\\"w\\u00f6rd', 'pa ss\\"wörd', "pa+ss%22w%C3%B6rd"]
    assert [redactor.text(each) for each in echoed] == ["<KEY>"] * 3


SPECIAL = "pa\"ss<w\u00f6rd>&'~?\U0001f600"
"""A secret with what HTML escapes, a character outside ASCII and one outside the BMP; its
base64 holds ``+`` and ``/`` (URL-safe: ``-`` and ``_``), and ends with padding."""


def every_unit_escaped(value: str) -> str:
    """JSON with every character as ``\\uXXXX``, UTF-16 surrogates for the non-BMP."""
    units = value.encode("utf-16-be")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def each_character(value: str, reference: Callable[[str], str | None]) -> str:
    """``value`` with each character that ``reference`` writes otherwise written so."""
    return "".join(reference(character) or character for character in value)


NAMED = {'"': "&quot;", "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", "\u00f6": "&ouml;"}
QUOTES = {'"': "&#34;", "'": "&#039;", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
ENCODINGS: dict[str, Callable[[str], str]] = {
    "base64": lambda v: base64.b64encode(v.encode()).decode(),
    "base64 without padding": lambda v: base64.b64encode(v.encode()).decode().rstrip("="),
    "base64, URL-safe": lambda v: base64.urlsafe_b64encode(v.encode()).decode(),
    "base64, URL-safe, no padding": lambda v: (
        base64.urlsafe_b64encode(v.encode()).decode().rstrip("=")
    ),
    "JSON, every character \\u-escaped": every_unit_escaped,
    "JSON, \\u-escaped in upper-case hex": lambda v: (
        every_unit_escaped(v).upper().replace("\\U", "\\u")
    ),
    "percent-encoded twice": lambda v: quote(quote(v, safe=""), safe=""),
    "percent-encoded twice, as a path": lambda v: quote(quote(v)),
    "form-encoded twice": lambda v: quote_plus(quote_plus(v)),
    "HTML, every character decimal": lambda v: each_character(v, lambda c: f"&#{ord(c)};"),
    "HTML, every character hex": lambda v: each_character(v, lambda c: f"&#X{ord(c):X};"),
    "HTML, escaped as Python does": lambda v: html.escape(v),
    "HTML, named where a name applies": lambda v: each_character(v, NAMED.get),
    "HTML, quotes as Go and PHP write them": lambda v: each_character(v, QUOTES.get),
}

ENCODED = [
    pytest.param(secret, ENCODINGS[encoding](secret), id=f"{name}, {encoding}")
    for name, secret in [("key", KEY), ("special", SPECIAL)]
    for encoding in ENCODINGS
    if ENCODINGS[encoding](secret) != secret  # HTML leaves the key as it is
]


@pytest.mark.parametrize(("secret", "encoded"), ENCODED)
def test_a_value_is_replaced_in_each_common_encoding(secret: str, encoded: str) -> None:
    redactor = RecordingRedactor({"TOKEN": secret})
    assert redactor.text(f"echo: {encoded}!") == "echo: <TOKEN>!"
    body = f"data: {encoded}\n\n".encode()
    assert redactor.chunks([body], [0.0]) == ([b"data: <TOKEN>\n\n"], [0.0])


@given(st.text(min_size=4, max_size=12), st.sampled_from(sorted(ENCODINGS)))
def test_any_value_is_replaced_whole_in_each_encoding(secret: str, encoding: str) -> None:
    encoded = ENCODINGS[encoding](secret)
    assert RecordingRedactor({"TOKEN": secret}).text(f"({encoded})") == "(<TOKEN>)"


def test_a_value_shorter_than_four_characters_is_left_alone_in_every_encoding() -> None:
    short = "a+b"
    text = " ".join([short, base64.b64encode(short.encode()).decode(), quote(short, safe="")])
    assert RecordingRedactor({"SHORT": short}).text(text) == text


def test_a_value_with_a_lone_surrogate_is_redacted_without_failing() -> None:
    # A value taken from JSON may hold one ("\\ud800"): it cannot be sent, but must not break
    # the redaction of everything else.
    redactor = RecordingRedactor({"TOKEN": "ab\ud800cd", "API_KEY": KEY})
    assert redactor.text(f"ab\ud800cd {KEY}") == "<TOKEN> <API_KEY>"
    assert redactor.chunks([f"key: {KEY}".encode()], [0.0]) == ([b"key: <API_KEY>"], [0.0])


def test_header_names_are_redacted_as_tokens_a_replay_can_send() -> None:
    headers = {f"X-Echo-{KEY}": "1", "X-Token-" + KEY.upper(): "t0k3n", "Accept": "*/*"}
    assert REDACTOR.headers(headers) == {
        "X-Echo-%API_KEY%": "1",
        "X-Token-%API_KEY%": "<X_TOKEN__API_KEY_>",
        "Accept": "*/*",
    }


def test_json_values_are_redacted_in_every_string() -> None:
    value = {"messages": [{"content": f"my key is {KEY}"}], KEY: 1, "n": 2.5, "ok": True}
    assert REDACTOR.value(value) == {
        "messages": [{"content": "my key is <API_KEY>"}],
        "<API_KEY>": 1,
        "n": 2.5,
        "ok": True,
    }


def test_credential_headers_are_replaced_whole_unless_already_placeholders() -> None:
    headers = {
        "Authorization": f"Bearer {KEY}",
        "Proxy-Authorization": "Basic c29tZW9uZTplbHNl",
        "authorization": "opaque-token",
        "Cookie": "session=abc123",
        "Set-Cookie": "id=9; Path=/",
        "x-api-key": "literal-key",
        "X-Goog-Api-Key": "<GOOGLE_KEY>",
        "X-Csrf-Token": "t0k3n",
        "Client-Secret": "s3cr3t",
        "Accept": "text/event-stream",
    }
    assert REDACTOR.headers(headers) == {
        "Authorization": "Bearer <API_KEY>",
        "Proxy-Authorization": "Basic <PROXY_AUTHORIZATION>",
        "authorization": "<AUTHORIZATION>",
        "Cookie": "session=<cookie_session>",
        "Set-Cookie": "id=<cookie_id>; Path=/",
        "x-api-key": "<X_API_KEY>",
        "X-Goog-Api-Key": "<GOOGLE_KEY>",
        "X-Csrf-Token": "<X_CSRF_TOKEN>",
        "Client-Secret": "<CLIENT_SECRET>",
        "Accept": "text/event-stream",
    }


def test_secret_query_values_are_replaced_by_their_names() -> None:
    url = "https://h/v1/m?alt=sse&key=sk-Live%2FKey%2B1&api_key=lit&sig=x%3D&page=2&auth=<AUTH>"
    assert REDACTOR.url(url) == (
        "https://h/v1/m?alt=sse&key=<API_KEY>&api_key=<API_KEY>&sig=<SIG>&page=2&auth=<AUTH>"
    )
    other_names = "https://h/?api-key=1&client_secret=2&X-Amz-Signature=3&monkey=4&keys=5"
    assert REDACTOR.url(other_names) == (
        "https://h/?api-key=<API_KEY>&client_secret=<CLIENT_SECRET>"
        "&X-Amz-Signature=<X_AMZ_SIGNATURE>&monkey=4&keys=5"
    )


def test_a_secret_split_across_chunks_goes_whole_into_the_first() -> None:
    chunks = [b"data: sk-Li", b"ve/K", b"ey+1 and", b" more"]
    assert REDACTOR.chunks(chunks, [0.0, 0.1, 0.2, 0.3]) == (
        [b"data: <API_KEY>", b" and", b" more"],
        [0.0, 0.3, 0.3],
    )


def test_chunks_without_secrets_are_kept_as_they_are() -> None:
    chunks = [b"data: 1\n", b"\n", b"data: 2\n\n"]
    assert REDACTOR.chunks(chunks, [0.0, 0.01, 0.02]) == (chunks, [0.0, 0.01, 0.02])


BODY = f"data: {KEY}\n\nx{KEY.lower()}{KEY}y me:hunter2 sk-Live%2FKey%2B1".encode()


@given(st.lists(st.integers(1, len(BODY) - 1), unique=True).map(sorted))
def test_any_cut_of_a_body_redacts_as_the_whole_body(cuts: list[int]) -> None:
    bounds = [0, *cuts, len(BODY)]
    chunks = [BODY[a:b] for a, b in itertools.pairwise(bounds)]
    delays = [0.001 * i for i in range(len(chunks))]
    [whole], _ = REDACTOR.chunks([BODY], [0.0])
    redacted, kept = REDACTOR.chunks(chunks, delays)
    assert b"".join(redacted) == whole == REDACTOR.text(BODY.decode()).encode()
    assert all(redacted) and len(kept) == len(redacted)
    # A delay is carried to the next chunk when its own is left empty (none after the last).
    assert round(sum(kept), 3) <= round(sum(delays), 3)
