"""One measurement, in a fresh process: one client reads one stream.

    python -m bench._measure CLIENT FORMAT URL [--lift-response-limit]

Prints a JSON line: the wall and CPU seconds from the request to the last delta (start-up,
imports and the client's set-up are not timed), the deltas and their total length (for ``raw``,
reads and bytes), and the process's peak RSS at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time
from dataclasses import asdict, dataclass

from bench._bodies import FORMATS, Format, parse_format
from bench._clients import load
from bench._contract import Client

__all__ = ["Sample"]


@dataclass(frozen=True)
class Sample:
    """What one process measured of one stream."""

    wall: float
    cpu: float
    deltas: int
    chars: int
    rss_kib: int


async def _timed(client: Client, url: str, fmt: Format) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, deltas and characters of streaming once."""
    deltas = chars = 0
    async with client(url, fmt) as stream:
        wall, cpu = time.perf_counter(), time.process_time()
        async for piece in stream:
            deltas += 1
            chars += len(piece)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, deltas, chars


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench._measure")
    parser.add_argument("client")
    parser.add_argument("format", choices=FORMATS)
    parser.add_argument("url")
    parser.add_argument("--lift-response-limit", action="store_true")
    arguments = parser.parse_args()
    if arguments.lift_response_limit:
        # Imported here: only a generated provider's process has it to lift.
        from bench._generated import lift_response_limits

        lift_response_limits()
    client = load(arguments.client)
    fmt = parse_format(arguments.format)
    wall, cpu, deltas, chars = asyncio.run(_timed(client, arguments.url, fmt))
    # Linux reports ru_maxrss in KiB.
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(asdict(Sample(wall, cpu, deltas, chars, rss_kib))))


if __name__ == "__main__":
    main()
