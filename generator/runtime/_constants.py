"""Every default of the runtime in one place: timeouts, retries and size limits.

The generator's JSON Schema and the spec format's documentation state these same values, read
from here, so a default changes in one line.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_INITIAL_BACKOFF",
    "DEFAULT_MAX_BACKOFF",
    "DEFAULT_MAX_EVENT_SIZE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_RETRY_SILENT_STREAMS",
    "DEFAULT_STEP_RESPONSE_BYTES",
    "DEFAULT_TOTAL_TIMEOUT",
    "ERROR_EXCERPT_BYTES",
    "ERROR_EXCERPT_CHARACTERS",
    "FIRST_READ_SLICE",
    "GATEWAY_BODY_TIMEOUT",
    "GATEWAY_HOST",
    "GATEWAY_KEEPALIVE_TIMEOUT",
    "GATEWAY_MAX_REQUEST_BYTES",
    "GATEWAY_PORT",
    "GATEWAY_ROUTE_MEMORY",
    "GATEWAY_ROUTE_MEMORY_SECONDS",
    "GATEWAY_UPSTREAM_CONNECTIONS",
    "LONGEST_MATCHED_TEXT",
    "MAX_RETRY_AFTER",
    "SOCKET_CLOSE_WAIT",
]

DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds to open the connection."""

DEFAULT_IDLE_TIMEOUT = 60.0
"""Seconds without a byte from the server, mid-stream."""

DEFAULT_TOTAL_TIMEOUT = 600.0
"""Seconds for the whole call, every attempt and the waits between them included."""

DEFAULT_MAX_RETRIES = 2
"""Retries after the first attempt, before the first delta only."""

DEFAULT_INITIAL_BACKOFF = 0.5
"""Seconds before the first retry; doubled for each one after."""

DEFAULT_MAX_BACKOFF = 8.0
"""The longest wait between two attempts, a server's ``Retry-After`` hint included."""

DEFAULT_RETRY_SILENT_STREAMS = True
"""Whether a stream that answered 200 and then failed before yielding anything is retried: it
showed nothing to the caller, but the server may have begun to work on the prompt."""

DEFAULT_MAX_EVENT_SIZE = 1 << 20
"""The longest line or server-sent event accepted, in characters (1 MiB). Twice as many bytes
without a single event end the response too: blank lines or padding carry nothing."""

DEFAULT_MAX_RESPONSE_BYTES = 64 << 20
"""The most a response may carry in all, decompressed (64 MiB): far more than any answer."""

DEFAULT_STEP_RESPONSE_BYTES = 8 << 20
"""The most a step's answer may carry, decompressed (8 MiB): a token, a page, a small document;
it is read whole."""

SOCKET_CLOSE_WAIT = 1.0
"""Seconds a WebSocket the call closes waits for the server to answer its close: the answer
is complete (or abandoned) already, so no longer than it takes a server that is listening."""

LONGEST_MATCHED_TEXT = 1 << 20
"""How much of a step's answer a regular expression reads (1 Mi characters): a pattern that
backtracks cannot keep a core busy over more."""

MAX_RETRY_AFTER = 60.0
"""The longest a server's ``Retry-After`` hint is taken at, in seconds; longer hints are cut."""

ERROR_EXCERPT_BYTES = 2048
"""How much of an error response's body is read to quote it."""

ERROR_EXCERPT_CHARACTERS = 200
"""The longest quote of a server's text in an error message."""

GATEWAY_HOST = "127.0.0.1"
"""Where ``serve`` listens unless told otherwise: this machine only."""

GATEWAY_PORT = 8000
"""The port ``serve`` listens on unless told otherwise."""

GATEWAY_MAX_REQUEST_BYTES = 4 << 20
"""The largest request body the gateway reads (4 MiB): a long conversation, not an upload."""

FIRST_READ_SLICE = 4096
"""Bytes of a read fed to a framing at a time until the answer's first item has come: a burst
(a long answer a server sends at once) arrives in reads of 64 KiB, hundreds of events each,
and its first delta would wait for all of them to be decoded. Then reads are fed whole, as
their size costs nothing more."""

GATEWAY_BODY_TIMEOUT = 30.0
"""Seconds a client has to send the whole request body: one that declares a length and sends
it slowly would otherwise hold its handler for ever."""

GATEWAY_KEEPALIVE_TIMEOUT = 5.0
"""Seconds ``serve`` keeps a connection that holds no whole request: from its opening, or from
its last answer, to the end of its next request's headers (uvicorn's default; gunicorn's is 2).
aiohttp's own is an hour, in which a few hundred half-sent requests would use up the process's
open files before any key is checked."""

GATEWAY_ROUTE_MEMORY = 20
"""Attempts of each target a route ordered by recent success remembers: enough to tell a
provider that fails now from one that failed once, few enough to notice it answers again."""

GATEWAY_ROUTE_MEMORY_SECONDS = 60.0
"""Seconds such a route remembers an attempt: a provider that failed is tried first again a
minute later (it is asked only when those before it fail, so its record would otherwise never
mend)."""

GATEWAY_UPSTREAM_CONNECTIONS = 4096
"""Upstream connections the gateway keeps open at most, all providers together: each streaming
client holds one for as long as its answer lasts, so the pool must outnumber the clients
(aiohttp's default of 100 would queue the 101st)."""
