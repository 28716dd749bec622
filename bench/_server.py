"""The bench server: streams pre-encoded bodies from 127.0.0.1, run as a process of its own.

    python -m bench._server [FORMAT:EVENTS ...]

Encodes the bodies named on the command line, listens on a free port, prints that port on a line
of its own once it accepts connections, and serves until its standard input closes: so it never
outlives the runner, even one that is killed. A separate process, so that its CPU time is not
counted against the clients.

Any POST or GET under ``/{format}/{mode}/{events}/`` is answered with that body, whatever
follows: a provider's ``base_url=`` prefixes its own path to the endpoint's; but a GET of
``.../action_get_token.php`` is GptGo's step, answered with a token. ``batched`` writes
the body in large slices, as a fast server's socket delivers it; ``per-event`` writes each event
on its own, as a model's server does while it generates.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from typing import Literal

from aiohttp import web

from bench._bodies import FORMATS, MEDIA_TYPES, Format, body, encoded, parse_format

__all__ = ["MODES", "Mode", "stream_url"]

Mode = Literal["batched", "per-event"]
MODES: tuple[Mode, ...] = ("batched", "per-event")

_SLICE = 256 * 1024
# The format and the mode are matched by name; the rest of the path is the endpoint's own.
_ROUTE = (
    "/{format:" + "|".join(FORMATS) + "}/{mode:" + "|".join(MODES) + r"}/{events:\d+}/{rest:.*}"
)


STEP_TOKEN = "bench-token"
"""What GptGo's step is given: a GET of ``.../action_get_token.php`` is answered with it."""


async def _stream(request: web.Request) -> web.StreamResponse:
    if request.match_info["rest"].endswith("action_get_token.php"):
        return web.json_response({"status": True, "token": STEP_TOKEN})
    fmt = parse_format(request.match_info["format"])
    count = int(request.match_info["events"])
    await request.read()
    response = web.StreamResponse(headers={"Content-Type": MEDIA_TYPES[fmt]})
    await response.prepare(request)
    if request.match_info["mode"] == "batched":
        whole = memoryview(encoded(fmt, count))
        for start in range(0, len(whole), _SLICE):
            await response.write(whole[start : start + _SLICE])
    else:
        for piece in body(fmt, count).pieces():
            await response.write(piece)
    await response.write_eof()
    return response


def stream_url(server: str, fmt: Format, mode: Mode, count: int) -> str:
    """The base URL under which ``server`` streams ``count`` events of ``fmt`` in ``mode``."""
    return f"{server}/{fmt}/{mode}/{count}"


def _prepared(text: str) -> tuple[Format, int]:
    """``FORMAT:EVENTS`` as a format and a count; ValueError if it is not one."""
    name, _, count = text.partition(":")
    return parse_format(name), int(count)


async def _serve(listener: socket.socket) -> None:
    app = web.Application()
    app.router.add_post(_ROUTE, _stream)
    app.router.add_get(_ROUTE, _stream)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.SockSite(runner, listener).start()
        print(listener.getsockname()[1], flush=True)
        # Until the runner closes our standard input, or dies and the pipe closes with it.
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.buffer.read)
    finally:
        await runner.cleanup()


def main() -> None:
    # Encoded before the port is announced: no client's timing includes a body's encoding.
    for text in sys.argv[1:]:
        encoded(*_prepared(text))
    listener = socket.create_server(("127.0.0.1", 0))
    asyncio.run(_serve(listener))


if __name__ == "__main__":
    main()
