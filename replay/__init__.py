"""Test tooling for generated providers: recorded exchanges, replayed over a real socket.

A recording (one JSON file, see :func:`load_recording`) keeps the response body as the chunks
that arrived and the delays between them, because stream decoders fail at chunk boundaries.
:class:`ReplayServer` serves recordings on 127.0.0.1, one ``write()`` per chunk, and can
misbehave as real servers do (:class:`Fault`: error statuses, stalls, truncation, resets, slow
drips, HTML pages)::

    async with ReplayServer() as server:
        route = server.add(load_recording(Path("recordings/codelink_ava/hello.json")))
        stream = CodeLinkAva.create_async_generator(
            "gpt-3.5-turbo", messages, base_url=server.base_url(route)
        )

``python -m replay serve RECORDING...`` serves recordings from the command line;
``python -m replay play PROVIDER RECORDING`` streams one through a provider.
"""

from ._aws import AwsSignatures
from ._play import PlayError, load_provider, play
from ._recordings import (
    RecordedRequest,
    RecordedResponse,
    Recording,
    RecordingError,
    load_recording,
    load_recordings,
)
from ._server import HOST, KEPT_BODY_BYTES, Fault, ReceivedRequest, ReplayServer

__all__ = [
    "HOST",
    "KEPT_BODY_BYTES",
    "AwsSignatures",
    "Fault",
    "PlayError",
    "ReceivedRequest",
    "RecordedRequest",
    "RecordedResponse",
    "Recording",
    "RecordingError",
    "ReplayServer",
    "load_provider",
    "load_recording",
    "load_recordings",
    "play",
]
