"""``python -m generator demo``: stream CodeLinkAva from a recording over a real socket.

The CodeLink endpoint is gone, so the answer comes from the replay server on 127.0.0.1, at the
recorded pace, through the generated module, exactly as a caller would use it.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from ._recordings import Recording, RecordingError, load_recording
from ._replay import ReplayServer

DEFAULT_RECORDING = Path("tests/recordings/codelink_ava/multiline.json")


def run_demo(path: Path | None) -> int:
    """Serve the recording, stream it through CodeLinkAva, print the text as it arrives."""
    try:
        recording = load_recording(path or DEFAULT_RECORDING)
    except RecordingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    asyncio.run(_stream(recording))
    return 0


async def _stream(recording: Recording) -> None:
    # Imported here: the generated module exists only after `python -m generator build`.
    from generated.codelink_ava import CodeLinkAva

    request = recording.request.json
    if not isinstance(request, dict):
        raise RecordingError(
            recording.path, ("request", "json"), "a CodeLink request has a JSON body"
        )
    extra = {k: v for k, v in request.items() if k not in ("messages", "temperature", "stream")}
    async with ReplayServer(pace=True) as server:
        route = server.add(recording)
        print(f"[CodeLinkAva <- {recording.path} on {server.base_url(route)}]", file=sys.stderr)
        stream = CodeLinkAva.create_async_generator(
            "gpt-3.5-turbo", request["messages"], base_url=server.base_url(route), **extra
        )
        async for text in stream:
            print(text, end="", flush=True)
    print()
