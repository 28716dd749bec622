"""A HAR file (HTTP Archive 1.2) as Chrome, Edge and Firefox save it, read into exchanges.

Both put a streamed answer's whole body in ``response.content.text``, base64-encoded when
``content.encoding`` says so; Chrome keeps a WebSocket's messages in ``_webSocketMessages``.
HTTP/2's pseudo-headers (``:authority``...) are no headers of the request and are left out.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any
from urllib.parse import urlencode

from ._captured import (
    CapturedExchange,
    CapturedMessage,
    CapturedRequest,
    CapturedResponse,
    CaptureError,
)

__all__ = ["parse_har"]


def parse_har(text: str) -> list[CapturedExchange]:
    """Every entry of the HAR ``text``, in its order; raises :class:`CaptureError`."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise CaptureError(f"this is no HAR file: not JSON ({error})") from None
    except RecursionError:
        raise CaptureError("this is no HAR file: JSON nested too deeply") from None
    entries = _field(_field(document, "log", dict, "the file"), "entries", list, "log")
    return [_exchange(entry, index) for index, entry in enumerate(entries)]


def _field(data: object, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict) or not isinstance(data.get(key), kind):
        what = "an object" if kind is dict else "a list" if kind is list else kind.__name__
        raise CaptureError(f"this is no HAR file: {where} has no {key} that is {what}")
    return data[key]


def _exchange(entry: object, index: int) -> CapturedExchange:
    where = f"log.entries[{index}]"
    request = _field(entry, "request", dict, where)
    response = _field(entry, "response", dict, where)
    assert isinstance(entry, dict)
    messages = entry.get("_webSocketMessages") or []
    if not isinstance(messages, list):
        raise CaptureError(f"this is no HAR file: {where}._webSocketMessages is not a list")
    return CapturedExchange(
        request=CapturedRequest(
            method=str(_field(request, "method", str, f"{where}.request")).upper(),
            url=_field(request, "url", str, f"{where}.request"),
            headers=_headers(request, f"{where}.request"),
            body=_post_data(request),
        ),
        response=CapturedResponse(
            status=_status(response, f"{where}.response"),
            headers=_headers(response, f"{where}.response"),
            body=_content(response, f"{where}.response"),
            messages=tuple(_message(message) for message in messages if _is_text(message)),
        ),
        index=index,
        resource_type=str(entry.get("_resourceType") or ""),
    )


def _status(response: dict[str, Any], where: str) -> int:
    status = response.get("status", 0)
    if isinstance(status, bool) or not isinstance(status, int):
        raise CaptureError(f"this is no HAR file: {where}.status is not a number")
    return status


def _headers(part: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    headers = part.get("headers") or []
    if not isinstance(headers, list):
        raise CaptureError(f"this is no HAR file: {where}.headers is not a list")
    return tuple(
        (str(header.get("name", "")), str(header.get("value", "")))
        for header in headers
        if isinstance(header, dict) and not str(header.get("name", "")).startswith(":")
    )


def _post_data(request: dict[str, Any]) -> str | None:
    post = request.get("postData")
    if not isinstance(post, dict):
        return None
    if isinstance(post.get("text"), str):
        return str(post["text"])
    params = post.get("params") or []
    pairs = [
        (str(p.get("name", "")), str(p.get("value", ""))) for p in params if isinstance(p, dict)
    ]
    return urlencode(pairs) or None


def _content(response: dict[str, Any], where: str) -> str:
    content = response.get("content") or {}
    text = content.get("text") if isinstance(content, dict) else None
    if not isinstance(text, str):
        return ""
    if content.get("encoding") != "base64":
        return text
    try:
        return base64.b64decode(text, validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise CaptureError(f"{where}.content.text is not the base64 it says it is") from None


def _is_text(message: object) -> bool:
    # opcode 1 is a text frame; 2, binary, holds no text to read.
    return isinstance(message, dict) and message.get("opcode", 1) == 1


def _message(message: dict[str, Any]) -> CapturedMessage:
    return CapturedMessage(sent=message.get("type") == "send", text=str(message.get("data", "")))
