"""A curl command as browsers copy it ("Copy as cURL"), read into the request it sends.

Chrome, Edge, Firefox and Safari write it for a POSIX shell (``'...'`` and ``$'...'``
quoting, ``\\`` continuations), and Chrome and Edge for Windows' ``cmd`` too (``^"...^"``,
``^`` escapes and continuations), which is read as ``cmd`` and then the C runtime read it. The
options browsers write are read, and the few a person adds; any other is an error naming it,
never passed over.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

from ._captured import CapturedRequest, CaptureError

__all__ = ["parse_curl"]

_DATA_OPTIONS = frozenset({"-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"})
_VALUE_OPTIONS = {
    "-H": "header",
    "--header": "header",
    "-b": "cookie",
    "--cookie": "cookie",
    "-X": "method",
    "--request": "method",
    "-A": "user_agent",
    "--user-agent": "user_agent",
    "-e": "referer",
    "--referer": "referer",
    "-u": "user",
    "--user": "user",
    "--url": "url",
}
_IGNORED_FLAGS = frozenset(
    {
        "--compressed",
        "-s",
        "--silent",
        "-S",
        "--show-error",
        "-N",
        "--no-buffer",
        "-i",
        "--include",
        "-v",
        "--verbose",
        "-k",
        "--insecure",
        "-L",
        "--location",
        "-f",
        "--fail",
        "--fail-with-body",
        "-g",
        "--globoff",
        "--http1.1",
        "--http2",
        "--http2-prior-knowledge",
        "--http3",
    }
)
"""Options that change how curl sends or shows, never what: the spec decides those."""

_ANSI_C_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_ANSI_C_NUMBER = re.compile(r"x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}")


def parse_curl(text: str) -> CapturedRequest:
    """The request ``text`` (one curl command) sends; raises :class:`CaptureError`."""
    text = text.replace("\r\n", "\n")  # a copy pasted on Windows, or saved there
    words = _cmd_words(text) if _is_cmd(text) else _posix_words(text)
    if not words or words[0] != "curl":
        raise CaptureError("this is no curl command: it must start with curl")
    return _request(words[1:])


def _is_cmd(text: str) -> bool:
    """Whether ``text`` is written for ``cmd``: its URL in ``^"``, or a line continued by
    ``^`` (a POSIX copy may hold ``^"`` in its body)."""
    return re.match(r'\s*curl\s+\^"', text) is not None or re.search(r" \^\n", text) is not None


# ---------------------------------------------------------------- a POSIX shell's words


def _posix_words(text: str) -> list[str]:
    words: list[str] = []
    word: list[str] | None = None
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text.startswith("\n", position + 1):
            position += 2  # a continuation
            continue
        if char in " \t\r\n":
            if word is not None:
                words.append("".join(word))
                word = None
            position += 1
            continue
        word = [] if word is None else word
        if char == "'":
            end = _closing(text, "'", position + 1)
            word.append(text[position + 1 : end])
            position = end + 1
        elif char == "$" and text.startswith("'", position + 1):
            piece, position = _ansi_c(text, position + 2)
            word.append(piece)
        elif char == '"':
            piece, position = _double_quoted(text, position + 1)
            word.append(piece)
        elif char == "\\":
            word.append(text[position + 1 : position + 2])
            position += 2
        else:
            word.append(char)
            position += 1
    if word is not None:
        words.append("".join(word))
    return words


def _closing(text: str, quote: str, start: int) -> int:
    end = text.find(quote, start)
    if end < 0:
        raise CaptureError(f"a {quote} opened at character {start - 1} is never closed")
    return end


def _ansi_c(text: str, start: int) -> tuple[str, int]:
    """The text of ``$'...'`` from after its quote; and where it ends."""
    piece: list[str] = []
    position = start
    while True:
        if position >= len(text):
            raise CaptureError(f"a $' opened at character {start - 2} is never closed")
        char = text[position]
        if char == "'":
            return "".join(piece), position + 1
        if char != "\\":
            piece.append(char)
            position += 1
            continue
        escape = text[position + 1 : position + 2]
        number = _ANSI_C_NUMBER.match(text, position + 1)
        if escape in _ANSI_C_ESCAPES:
            piece.append(_ANSI_C_ESCAPES[escape])
            position += 2
        elif number is not None:
            digits = number[0]
            base = 8 if digits[0].isdigit() else 16
            piece.append(chr(int(digits.lstrip("xuU"), base)))
            position = number.end()
        else:
            piece.append("\\" + escape)
            position += 2


def _double_quoted(text: str, start: int) -> tuple[str, int]:
    piece: list[str] = []
    position = start
    while True:
        if position >= len(text):
            raise CaptureError(f'a " opened at character {start - 1} is never closed')
        char = text[position]
        if char == '"':
            return "".join(piece), position + 1
        following = text[position + 1 : position + 2]
        if char == "\\" and following in '"\\$`\n':
            piece.append("" if following == "\n" else following)
            position += 2
        elif char in "$`":
            raise CaptureError(
                f"a {char} in double quotes at character {position} asks the shell to "
                "substitute: paste the command as the browser copied it"
            )
        else:
            piece.append(char)
            position += 1


# ---------------------------------------------------------------- Windows cmd's words


def _cmd_words(text: str) -> list[str]:
    """The arguments a C program gets from ``text`` run by ``cmd``: first cmd's escapes and
    continuations, then the C runtime's quotes and backslashes."""
    return list(_crt_words(_cmd_unescaped(text)))


def _cmd_unescaped(text: str) -> str:
    """``text`` as ``cmd`` passes it on: ``^X`` is X, ``^`` before a line break joins the
    next line, whose first character is then taken as it is; in quotes ``^`` is itself."""
    out: list[str] = []
    quoted = False
    position = 0
    while position < len(text):
        char = text[position]
        if char == "^" and not quoted:
            following = text[position + 1 : position + 2]
            if following == "\n":
                out.append(text[position + 2 : position + 3])
                position += 3
            else:
                out.append(following)
                position += 2
            continue
        if char == '"':
            quoted = not quoted
        out.append(char)
        position += 1
    return "".join(out)


def _crt_words(text: str) -> Iterator[str]:
    """The C runtime's arguments: whitespace separates them outside quotes; ``2n`` backslashes
    and a quote are n backslashes and a quote's toggle, ``2n+1`` are n and a quote. Browsers
    double every backslash (DevTools' escapeStringWin), so ``2n`` backslashes before anything
    else are the n the request had; an odd run, which no browser writes, stays as it is."""
    word: list[str] | None = None
    quoted = False
    position = 0
    while position < len(text):
        char = text[position]
        if char in " \t\n" and not quoted:
            if word is not None:
                yield "".join(word)
                word = None
            position += 1
            continue
        word = [] if word is None else word
        if char == "\\":
            run = len(text[position:]) - len(text[position:].lstrip("\\"))
            if text.startswith('"', position + run):
                word.append("\\" * (run // 2))
                if run % 2:
                    word.append('"')
                else:
                    quoted = not quoted
                position += run + 1
            else:
                word.append("\\" * (run // 2 if run % 2 == 0 else run))
                position += run
        elif char == '"':
            quoted = not quoted
            position += 1
        else:
            word.append(char)
            position += 1
    if quoted:
        raise CaptureError('a " is never closed')
    if word is not None:
        yield "".join(word)


# ---------------------------------------------------------------- curl's options


def _request(arguments: list[str]) -> CapturedRequest:
    headers: list[tuple[str, str]] = []
    data: list[str] = []
    found: dict[str, str] = {}
    is_json = False
    words = iter(arguments)
    for word in words:
        option, inline = _split_option(word)
        if option in _IGNORED_FLAGS or _ignored_flags(word):
            continue
        if option in _DATA_OPTIONS or option in _VALUE_OPTIONS:
            value = inline if inline is not None else _value_of(option, words)
            if option in _DATA_OPTIONS:
                data.append(_data(option, value))
                is_json = is_json or option == "--json"
            else:
                _take(_VALUE_OPTIONS[option], value, headers, found)
        elif word.startswith("-") and word != "-":
            raise CaptureError(f"curl option {word} is not one this reads: leave it out")
        elif "url" in found:
            raise CaptureError(f"a second URL, {word!r}: give one request")
        else:
            found["url"] = word
    return _built(found, headers, data, is_json)


def _ignored_flags(word: str) -> bool:
    """Whether ``word`` is short flags written together (``-sS``), each one ignored."""
    return re.fullmatch(r"-[A-Za-z]{2,}", word) is not None and all(
        f"-{flag}" in _IGNORED_FLAGS for flag in word[1:]
    )


def _split_option(word: str) -> tuple[str, str | None]:
    if word.startswith("--") and "=" in word:
        option, _, value = word.partition("=")
        return option, value
    if len(word) > 2 and word[0] == "-" and word[1] != "-" and f"-{word[1]}" in _VALUE_OPTIONS:
        return word[:2], word[2:]
    return word, None


def _value_of(option: str, words: Iterator[str]) -> str:
    value = next(words, None)
    if value is None:
        raise CaptureError(f"curl option {option} has no value")
    return value


def _data(option: str, value: str) -> str:
    if value.startswith("@") and option != "--data-raw":
        raise CaptureError(
            f"{option} {value} reads a file: put the body in the command (--data-raw)"
        )
    return value


def _take(kind: str, value: str, headers: list[tuple[str, str]], found: dict[str, str]) -> None:
    if kind == "header":
        name, colon, header_value = value.partition(":")
        if not colon and value.endswith(";") and value[:-1].strip():
            headers.append((value[:-1].strip(), ""))  # curl's way to send a header empty
            return
        if not colon or not name.strip():
            raise CaptureError(f"-H {value!r} is no header: write it NAME: VALUE")
        headers.append((name.strip(), header_value.strip()))
    elif kind == "cookie":
        if "=" not in value:
            raise CaptureError(f"-b {value!r} names a cookie file: give the cookies inline")
        headers.append(("Cookie", value))
    elif kind == "user_agent":
        headers.append(("User-Agent", value))
    elif kind == "referer":
        headers.append(("Referer", value))
    elif kind == "user":
        headers.append(("Authorization", "Basic " + _basic(value)))
    else:
        found[kind] = value


def _basic(user: str) -> str:
    return base64.b64encode(user.encode()).decode("ascii")


def _built(
    found: dict[str, str], headers: list[tuple[str, str]], data: list[str], is_json: bool
) -> CapturedRequest:
    url = found.get("url")
    if url is None:
        raise CaptureError("the command has no URL")
    if not re.match(r"(?i)(https?|wss?)://", url):
        url = "http://" + url  # as curl reads a URL without its scheme
    names = {name.lower() for name, _ in headers}
    if is_json:
        for name, value in (("Content-Type", "application/json"), ("Accept", "application/json")):
            if name.lower() not in names:
                headers.append((name, value))
    elif data and "content-type" not in names:
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    body = "&".join(data) if data else None
    method = found.get("method", "POST" if data else "GET").upper()
    return CapturedRequest(method=method, url=url, headers=tuple(headers), body=body)
