"""``new --from-curl``: what browsers' "Copy as cURL" holds, read as the request it sends."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest

from generator._capture import CaptureError, parse_curl
from generator._capture._captured import CapturedRequest

BODY = (
    '{"model":"gpt-4o-mini","messages":[{"role":"user",'
    '"content":"It\'s 100% \\"ok\\"!\\n\u00e9\\\\"}]}'
)
"""A JSON body with what each shell's quoting must carry: a single quote, a percent sign,
escaped double quotes, a !, a JSON escape, a character that is not ASCII and a backslash."""
URL = "https://api.example.com/v1/chat?x=1&y=2"
HEADERS = (
    ("accept", "text/event-stream"),
    ("authorization", "Bearer sk-test-0123456789abcdefghij"),
    ("content-type", "application/json"),
)
COOKIES = "session=abc123; theme=dark"
EXPECTED = CapturedRequest("POST", URL, (*HEADERS, ("Cookie", COOKIES)), BODY)


def ansi_c(text: str, escaped: str) -> str:
    """``text`` in ANSI-C quotes, each character ``escaped`` matches written \\uXXXX."""
    text = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    text = text.replace("\r", "\\r")
    return "$'" + re.sub(escaped, lambda found: f"\\u{ord(found[0]):04x}", text) + "'"


def chrome_posix(text: str) -> str:
    """Chrome DevTools' escapeStringPosix: ANSI-C quoting when the text holds a control
    character, a ! or a quote."""
    if re.search(r"[\x00-\x1f\x7f-\x9f!']", text):
        return ansi_c(text, r"[\x00-\x1f\x7f-\x9f!]")
    return f"'{text}'"


def firefox_posix(text: str) -> str:
    """Firefox DevTools' escapeStringPosix: ANSI-C quoting for a quote or anything that is not
    printable ASCII."""
    if re.search(r"[^\x20-\x7e]|'", text):
        return ansi_c(text, r"[^\x20-\x7e]")
    return f"'{text}'"


def safari_posix(text: str) -> str:
    """Single quotes, each quote within written '\"'\"' as Safari's Web Inspector does."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


def chrome_cmd(text: str) -> str:
    """Chrome DevTools' escapeStringWin: quotes and backslashes for the C runtime, every other
    character but the plain ones caret-escaped for cmd, a % before a name broken, a line break
    carried by ^ and a blank line."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"[^a-zA-Z0-9\s_\-:=+~'/.,?;()*`]", lambda found: "^" + found[0], text)
    text = re.sub(r"%(?=[a-zA-Z0-9_])", "%^", text)
    return '^"' + re.sub(r"\r?\n", "^\n\n", text) + '^"'


def copied(quote: Callable[[str], str], joiner: str, *, cookie: str = "-b") -> str:
    """The command a browser copies, each argument quoted by ``quote``."""
    lines = [f"curl {quote(URL)}"]
    lines += [f"-H {quote(f'{name}: {value}')}" for name, value in HEADERS]
    lines.append(f"{cookie} {quote(COOKIES if cookie == '-b' else f'Cookie: {COOKIES}')}")
    lines.append(f"--data-raw {quote(BODY)}")
    return joiner.join(lines)


CHROME_BASH = copied(chrome_posix, " \\\n  ")
CHROME_CMD = copied(chrome_cmd, " ^\n  ")
FIREFOX = copied(firefox_posix, " ", cookie="-H")
SAFARI = copied(safari_posix, " \\\n")


@pytest.mark.parametrize(
    "text",
    [CHROME_BASH, CHROME_CMD, FIREFOX, SAFARI],
    ids=["chrome bash", "chrome cmd", "firefox", "safari"],
)
def test_each_browsers_copy_is_the_request_it_sends(text: str) -> None:
    assert parse_curl(text) == EXPECTED


def test_windows_line_endings_read_as_line_endings() -> None:
    assert parse_curl(CHROME_CMD.replace("\n", "\r\n")) == EXPECTED
    assert parse_curl(CHROME_BASH.replace("\n", "\r\n")) == EXPECTED


@pytest.mark.parametrize(
    ("options", "method", "body", "content_type"),
    [
        (["--json", "'{\"a\":1}'"], "POST", '{"a":1}', "application/json"),
        (["-d", "'a=1'", "-d", "'b=2'"], "POST", "a=1&b=2", "application/x-www-form-urlencoded"),
        (["--data", "$'a=1\\nb'"], "POST", "a=1\nb", "application/x-www-form-urlencoded"),
        (["--data-binary", "$'a=1\\nb'"], "POST", "a=1\nb", "application/x-www-form-urlencoded"),
        (["-X", "PUT", "--data-raw", "'@x'"], "PUT", "@x", "application/x-www-form-urlencoded"),
        (["-XPATCH"], "PATCH", None, None),
        ([], "GET", None, None),
    ],
)
def test_data_and_method_as_curl_sends_them(
    options: list[str], method: str, body: str | None, content_type: str | None
) -> None:
    parsed = parse_curl(" ".join(["curl", "https://a.example/x", *options]))
    assert (parsed.method, parsed.body, parsed.header("content-type")) == (
        method,
        body,
        content_type,
    )


def test_json_sets_its_accept_unless_given() -> None:
    parsed = parse_curl("curl https://a.example --json '{}' -H 'Accept: text/event-stream'")
    assert parsed.header("accept") == "text/event-stream"
    assert parse_curl("curl https://a.example --json '{}'").header("accept") == "application/json"


def test_user_agent_referer_and_basic_credentials_are_headers() -> None:
    parsed = parse_curl("curl -A 'UA/1' -e https://r.example -u 'me:pw' https://a.example")
    assert parsed.headers == (
        ("User-Agent", "UA/1"),
        ("Referer", "https://r.example"),
        ("Authorization", "Basic " + base64.b64encode(b"me:pw").decode()),
    )


def test_a_url_without_scheme_is_http_as_curl_reads_it() -> None:
    assert parse_curl("curl localhost:11434/api/chat").url == "http://localhost:11434/api/chat"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("wget https://a.example", "this is no curl command: it must start with curl"),
        ("curl -H 'x: 1'", "the command has no URL"),
        ("curl https://a.example --proxy http://p", "curl option --proxy is not one this reads"),
        ("curl https://a.example -d @body.json", "-d @body.json reads a file"),
        ("curl https://a.example -b cookies.txt", "-b 'cookies.txt' names a cookie file"),
        ("curl https://a.example -H 'no colon'", "-H 'no colon' is no header"),
        ("curl 'https://a.example", "a ' opened at character 5 is never closed"),
        ('curl "https://a.example/$HOME"', "a $ in double quotes at character"),
        ("curl https://a.example https://b.example", "a second URL, 'https://b.example'"),
        ("curl https://a.example -H", "curl option -H has no value"),
    ],
)
def test_what_cannot_be_read_is_an_error_saying_what(text: str, message: str) -> None:
    with pytest.raises(CaptureError) as raised:
        parse_curl(text)
    assert message in str(raised.value)


def test_what_a_person_adds_reads_as_curl_reads_it() -> None:
    parsed = parse_curl("curl -sSN https://a.example -H 'x-empty;' -H 'x-b: 1'")
    assert parsed.headers == (("x-empty", ""), ("x-b", "1"))


def test_a_caret_and_a_quote_in_a_posix_copy_do_not_make_it_cmd() -> None:
    body = '{"prompt":"up^"}'
    assert parse_curl(f"curl https://a.example --data-raw '{body}'").body == body


@pytest.mark.parametrize("option", ["--data-ascii", "--data-binary", "--json", "-d"])
def test_every_data_option_but_raw_refuses_a_file(option: str) -> None:
    with pytest.raises(CaptureError, match="reads a file"):
        parse_curl(f"curl https://a.example {option} @body.json")
