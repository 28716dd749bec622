"""The gateway's access log: one line per request, when its answer has ended.

A line holds the time, the method and path, the status, the route asked for, the
``PROVIDER/MODEL`` that answered, the time to the first delta and the whole duration (in
milliseconds, from the request's arrival), and the tokens when the provider reported them. It
is a record of the logger ``ACCESS_LOGGER``, its message the plain line and its ``access``
attribute the fields, which :class:`JSONAccessFormatter` writes as one JSON object. Every text
a client chose (the path, the model) is written as a JSON string: a line break or a control
character in it cannot forge a line or reach a terminal.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from aiohttp import web

from ._events import Usage
from ._gateway_metrics import GatewayMetrics

__all__ = [
    "ACCESS_LOGGER",
    "ACCESS_LOG_FORMATS",
    "METRICS",
    "JSONAccessFormatter",
    "access_log",
    "noted",
]

ACCESS_LOGGER = logging.getLogger(__name__)

METRICS = web.AppKey("streamgen.metrics", GatewayMetrics)
"""The application's metrics, when it keeps them: the access log counts each request there."""

ACCESS_LOG_FORMATS = ("plain", "json", "off")
"""How ``serve`` writes the lines (``--access-log``, ``access_log:``); the first is the
default."""

_GONE = 499
"""The status logged for a request whose client went away before its answer ended (nginx's)."""


@dataclass
class _Noted:
    """What a handler tells the access log of a chat request."""

    api: str | None = None
    """Which API the request asked (``chat_completions``, ``messages``, ``responses``)."""
    route: str | None = None
    served_by: str | None = None
    first_delta: float | None = None
    usage: Usage | None = None
    error: str | None = None
    """The code of the error the answer was, or ended with."""
    tried: str | None = None
    """The ``PROVIDER/MODEL`` last tried, when none answered."""


_NOTE = web.RequestKey("streamgen.access", _Noted)
"""The request's key of what its handler noted."""


def noted(request: web.Request) -> _Noted:
    """What the access log will tell of ``request``: its handler fills it in."""
    if _NOTE not in request:
        request[_NOTE] = _Noted()
    return request[_NOTE]


@web.middleware
async def access_log(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Logs one line when the request's answer has ended (or its client went away)."""
    arrived = time.monotonic()
    status = _GONE
    try:
        response: web.StreamResponse = await handler(request)
        status = response.status
        return response
    finally:
        metrics = request.app.get(METRICS)
        logged = ACCESS_LOGGER.isEnabledFor(logging.INFO)
        if logged or metrics is not None:
            fields = _fields(request, status, arrived, time.monotonic())
            if logged:
                ACCESS_LOGGER.info(_line(fields), extra={"access": fields})
            note = request.get(_NOTE)
            if metrics is not None and note is not None and note.api is not None:
                provider = (note.served_by or note.tried or "").partition("/")[0]
                metrics.answered(note.api, provider, fields, note.error)


def _fields(request: web.Request, status: int, arrived: float, ended: float) -> dict[str, object]:
    note = request.get(_NOTE)
    fields: dict[str, object] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "method": request.method,
        "path": request.path,
        "status": status,
        "duration_ms": round((ended - arrived) * 1000, 1),
    }
    if isinstance(note, _Noted):
        if note.route is not None:
            fields["route"] = note.route
        if note.served_by is not None:
            fields["provider"] = note.served_by
        if note.first_delta is not None:
            fields["first_delta_ms"] = round((note.first_delta - arrived) * 1000, 1)
        if note.usage is not None:
            fields["input_tokens"] = note.usage.input_tokens
            fields["output_tokens"] = note.usage.output_tokens
    return fields


def _line(fields: dict[str, object]) -> str:
    """``time METHOD "path" status key=value...``, each text a JSON string."""
    head = f"{fields['time']} {fields['method']} {json.dumps(fields['path'])} {fields['status']}"
    rest = [
        f"{key}={json.dumps(value) if isinstance(value, str) else value}"
        for key, value in fields.items()
        if key not in ("time", "method", "path", "status")
    ]
    return " ".join([head, *rest])


class JSONAccessFormatter(logging.Formatter):
    """Writes an access record as one JSON object, its fields as the plain line has them."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(getattr(record, "access", {"message": record.getMessage()}))
