"""What a browser captured: requests as "Copy as cURL" or a HAR file holds them, and answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = [
    "CaptureError",
    "CapturedExchange",
    "CapturedMessage",
    "CapturedRequest",
    "CapturedResponse",
    "capture_text",
]


class CaptureError(ValueError):
    """A capture that cannot be read; the message says where and what."""


def capture_text(data: bytes) -> str:
    """A capture file's text: UTF-8 (a BOM passed over), or UTF-16 with its BOM, as some
    Windows tools save a HAR file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaptureError(f"the file is not UTF-8 text (byte {error.start})") from None


@dataclass(frozen=True)
class CapturedRequest:
    """One request as it was sent: headers in their order, names as written."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    body: str | None = None

    @property
    def origin(self) -> str:
        """``scheme://host[:port]``, lower case (credentials in the URL left out)."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()

    def cookies(self) -> dict[str, str]:
        """Every cookie the request sends, by name, from each of its Cookie headers."""
        cookies: dict[str, str] = {}
        for key, value in self.headers:
            if key.lower() == "cookie":
                for pair in value.split(";"):
                    name, equals, cookie = pair.strip().partition("=")
                    if equals:
                        cookies[name] = cookie
        return cookies

    def header(self, name: str) -> str | None:
        """The first header of ``name`` (in any case), or None."""
        return _first(self.headers, name)


@dataclass(frozen=True)
class CapturedMessage:
    """One WebSocket message: sent by the browser, or received."""

    sent: bool
    text: str


@dataclass(frozen=True)
class CapturedResponse:
    """An answer as the capture holds it: its whole body (a stream's too), or its messages."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    messages: tuple[CapturedMessage, ...] = ()

    def header(self, name: str) -> str | None:
        """The first header of ``name`` (in any case), or None."""
        return _first(self.headers, name)

    @property
    def media_type(self) -> str:
        """The Content-Type without its parameters, lower case ("" when there is none)."""
        return (self.header("content-type") or "").partition(";")[0].strip().lower()

    def set_cookies(self) -> dict[str, str]:
        """Each cookie the answer sets, by name."""
        cookies: dict[str, str] = {}
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name.strip()] = rest.partition(";")[0].strip()
        return cookies


@dataclass(frozen=True)
class CapturedExchange:
    """A request and its answer (None when the capture has none: "Copy as cURL")."""

    request: CapturedRequest
    response: CapturedResponse | None = None
    index: int = 0
    """The entry's place in its HAR file."""
    resource_type: str = field(default="", compare=False)
    """Chrome's ``_resourceType`` (``fetch``, ``document``, ``websocket``...), or ""."""


def _first(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)
