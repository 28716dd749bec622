"""``python -m replay``: serve recordings on 127.0.0.1, play one through a provider, or record
one exchange through a spec's provider."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.runtime._url import is_http_url

from ._play import play
from ._recordings import LONGEST_DELAY, Recording, load_recordings, status_problem
from ._server import Fault, ReplayServer

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The command line: ``serve``, ``play`` and ``record``."""
    main_parser = argparse.ArgumentParser(
        prog="python -m replay",
        description="Replay recorded HTTP exchanges on 127.0.0.1, chunk by chunk.",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve recordings until Ctrl-C, with faults")
    serve.add_argument(
        "recordings", nargs="+", type=Path, metavar="RECORDING", help="file, or directory of *.json"
    )
    serve.add_argument("--port", type=_port, default=0, help="port to listen on (default: free)")
    serve.add_argument("--pace", action="store_true", help="wait the recorded delays")
    body = serve.add_mutually_exclusive_group()
    body.add_argument("--status", type=_status, metavar="CODE", help="answer CODE, empty body")
    body.add_argument("--html", action="store_true", help="answer 200 with an HTML page")
    limit = serve.add_mutually_exclusive_group()
    limit.add_argument("--stall-after", type=_count, metavar="N", help="send N bytes, then stall")
    limit.add_argument("--truncate-after", type=_count, metavar="N", help="send N bytes, then end")
    limit.add_argument("--reset-after", type=_count, metavar="N", help="send N bytes, then reset")
    serve.add_argument("--drip", type=_seconds, metavar="SECONDS", help="send one byte at a time")
    play_command = commands.add_parser(
        "play", help="stream a recording through a provider, printing the text as it arrives"
    )
    play_command.add_argument(
        "provider", metavar="PROVIDER", help="MODULE or MODULE:CLASS, e.g. generated.codelink_ava"
    )
    play_command.add_argument("recording", type=Path, metavar="RECORDING")
    play_command.add_argument(
        "--no-pace", dest="pace", action="store_false", help="send at once, not at recorded pace"
    )
    play_command.set_defaults(run=_play)
    serve.set_defaults(run=_serve)
    record = commands.add_parser(
        "record", help="send one real request through a spec's provider and save it"
    )
    _record_arguments(record)
    record.set_defaults(run=_record)
    return main_parser


def _record_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("spec", type=Path, help="the spec (any file, anywhere)")
    command.add_argument("--prompt", required=True, help="the user message to send")
    command.add_argument("--model", help="default: the provider's default model")
    command.add_argument(
        "--base-url",
        type=_base_url,
        help="send to this server instead of the spec's (its user and password as Basic auth)",
    )
    command.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of the provider; a body field where the provider merges others",
    )
    command.add_argument(
        "--out", type=Path, help="default: recordings/<module>/recorded-<UTC time>.json"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 1 failure, 2 usage)."""
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


def _play(args: argparse.Namespace) -> int:
    return play(args.provider, args.recording, pace=args.pace)


def _record(args: argparse.Namespace) -> int:
    from ._record import run  # the generator and the proxy are loaded only to record

    return run(args)


def _serve(args: argparse.Namespace) -> int:
    """Serve the recordings until Ctrl-C; 1 if a recording or a route is bad."""
    fault = Fault(
        status=args.status,
        stall_after=args.stall_after,
        truncate_after=args.truncate_after,
        reset_after=args.reset_after,
        drip=args.drip,
        html=args.html,
    )
    server = ReplayServer(pace=args.pace, port=args.port)
    try:
        recordings = load_recordings(args.recordings)
        for name, recording in zip(_route_names(recordings), recordings, strict=True):
            server.add(recording, name=name, fault=fault)
    except ValueError as error:  # RecordingError included
        print(error, file=sys.stderr)
        return 1
    try:
        asyncio.run(_serve_forever(server))
    except KeyboardInterrupt:
        pass
    except OSError as error:  # e.g. the port is taken
        print(f"serve: {error}", file=sys.stderr)
        return 1
    return 0


def _route_names(recordings: list[Recording]) -> list[str]:
    """File stems; a stem found in several directories is prefixed with its directory name."""
    stems = Counter(recording.name for recording in recordings)
    return [
        f"{recording.path.parent.name}-{recording.name}"
        if stems[recording.name] > 1
        else recording.name
        for recording in recordings
    ]


async def _serve_forever(server: ReplayServer) -> None:
    async with server:
        for name in server.routes:
            recording = server.recording(name)
            request = recording.request
            print(f"{name}  {request.method} {server.base_url(name)}{request.target}", flush=True)
            if recording.is_flow:
                # A flow is served exchange by exchange; each origin it calls goes here.
                origins = ", ".join(
                    f"{origin} -> {url}" for origin, url in server.base_urls(name).items()
                )
                print(
                    f"{name}  a flow of {len(recording.exchanges)} exchanges: {origins}", flush=True
                )
        # Serve until Ctrl-C cancels this task (asyncio.run turns it into KeyboardInterrupt).
        await asyncio.Event().wait()


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0: {text}")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text}")
    return value


def _status(text: str) -> int:
    value = int(text)
    problem = status_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 <= value <= LONGEST_DELAY:  # also rejects nan
        raise argparse.ArgumentTypeError(f"must be 0 to {LONGEST_DELAY:g} seconds: {text}")
    return value


def _base_url(text: str) -> str:
    if not is_http_url(text):
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL with a host: {text!r}")
    parts = urlsplit(text)
    try:  # sent as Basic authorization, which is Latin-1
        f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode("latin-1")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("its user and password must be Latin-1") from None
    return text
