# Generated from generator/runtime/_chat.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""``python -m <package> PROVIDER "prompt"``: chat with a provider from the terminal.

The text is printed as it arrives, and ends with a newline; ``--json`` prints one JSON object
per event instead. A failure is one line on stderr naming the provider, and the exit status says
what kind it was (:data:`EXIT_STATUSES`); Ctrl-C closes the connection and exits 130. ``serve``
runs the OpenAI-compatible gateway instead.

What a server sent never reaches a terminal as control characters, which a terminal would act
on (``\\x1b]52;`` writes the clipboard in some, ``\\x1b[2J`` clears the screen): they are
escaped (as ``\\x1b``) in every failure, and in the text when stdout is a terminal (unless
``--raw``); the text written to a file or a pipe is the text as it came.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import re
import sys
from collections.abc import AsyncIterator, Sequence
from typing import Any, TextIO

from ._events import Finish, ReasoningDelta, StreamEvent, TextDelta, ToolCallDelta, Usage
from ._exceptions import (
    AuthenticationError,
    ConfigurationError,
    PermissionDeniedError,
    ProviderConnectionError,
    ProviderError,
    ProviderTimeoutError,
    RateLimitError,
    UnknownProviderError,
)
from ._messages import Message
from ._parts import missing_part
from ._registry import ProviderInfo, Registry
from ._url import is_http_url

__all__ = ["EXIT_STATUSES", "PACKAGE_COMMANDS", "main"]

PACKAGE_COMMANDS = {"serve": "gateway"}
"""The words that, first on the command line, run a command instead of a chat, each with the
part of the package that runs it."""

EXIT_OK = 0
EXIT_SERVER = 1
EXIT_USAGE = 2
EXIT_CONFIGURATION = 3
EXIT_AUTHENTICATION = 4
EXIT_RATE_LIMIT = 5
EXIT_TIMEOUT = 6
EXIT_CONNECTION = 7
EXIT_OUTPUT = 8
EXIT_INTERRUPTED = 130

EXIT_STATUSES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "the answer was streamed whole"),
    (EXIT_SERVER, "the server answered with an error, or with a stream that is not the spec's"),
    (EXIT_USAGE, "the command line is wrong: an unknown provider, option or parameter"),
    (EXIT_CONFIGURATION, "the call cannot be made as configured: a key's variable is not set"),
    (EXIT_AUTHENTICATION, "the server refused the key (401 or 403)"),
    (EXIT_RATE_LIMIT, "the server is rate limiting (429)"),
    (EXIT_TIMEOUT, "a timeout expired"),
    (EXIT_CONNECTION, "no connection, or it broke (refused, reset, TLS)"),
    (EXIT_OUTPUT, "the answer could not be written out (a closed pipe, a full disk)"),
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C; the connection was closed"),
)
"""Each exit status of the chat command, and what it means."""

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""What a terminal acts on (C0 and C1 controls, DEL) and what breaks a line (Unicode's line and
paragraph separators too): escaped in a line of stderr."""
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""The same but for tab and newline, the answer's own layout: escaped in the text a terminal
shows."""
_JSON_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")
"""The controls and line breaks ``json.dumps`` leaves as they are (it escapes C0 itself)."""

_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_SPINNER_INTERVAL = 0.1


class _UsageError(Exception):
    """The command line cannot be run; the message says why."""


def main(registry: Registry, argv: Sequence[str] | None = None, *, prog: str) -> int:
    """Run the command line ``argv``; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["serve"]:
        try:
            from ._gateway import serve_command  # the server is loaded only to serve
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}._gateway":
                raise
            _fail(f"{prog} serve: {missing_part(PACKAGE_COMMANDS['serve'])}")
            return EXIT_USAGE
        return serve_command(registry, arguments[1:], f"{prog} serve")
    args = _parser(prog).parse_args(arguments)
    if args.list:
        _print_list(registry, sys.stdout)
        return EXIT_OK
    try:
        return _run(registry, args, prog)
    except KeyboardInterrupt:
        # asyncio.run cancelled the chat first, and the stream closed its connection.
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(registry: Registry, args: argparse.Namespace, prog: str) -> int:
    try:
        info, call = _call(registry, args)
    except (_UsageError, UnknownProviderError) as error:
        _fail(f"{prog}: {error}")
        return EXIT_USAGE
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a lone surrogate a server sent, say
    try:
        asyncio.run(_chat(registry, info, call, json_lines=args.json, raw=args.raw))
    except ProviderError as error:
        _fail(f"{prog}: {error}")
        return exit_status(error)
    except BrokenPipeError:  # the reader has gone (| head): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OUTPUT
    except OSError as error:
        _fail(f"{prog}: cannot write the answer: {error.strerror or error}")
        return EXIT_OUTPUT
    return EXIT_OK


def _fail(line: str) -> None:
    """Print the failure ``line`` on stderr, its controls escaped: it may quote what a server
    sent, and it stays one line."""
    print(_escaped(line, _CONTROLS), file=sys.stderr)


def _escaped(text: str, controls: re.Pattern[str]) -> str:
    """``text`` with each character ``controls`` matches written as Python writes it in a
    string literal (``\\x1b``, ``\\r``, ``\\u2028``)."""
    return controls.sub(lambda control: repr(control.group())[1:-1], text)


def exit_status(error: ProviderError) -> int:
    """The exit status for ``error``, by its kind."""
    kinds: tuple[tuple[type[ProviderError] | tuple[type[ProviderError], ...], int], ...] = (
        (ConfigurationError, EXIT_CONFIGURATION),
        ((AuthenticationError, PermissionDeniedError), EXIT_AUTHENTICATION),
        (RateLimitError, EXIT_RATE_LIMIT),
        (ProviderTimeoutError, EXIT_TIMEOUT),
        (ProviderConnectionError, EXIT_CONNECTION),
    )
    # Any other status, a stream that is not the spec's, an error the server reported.
    return next((status for kind, status in kinds if isinstance(error, kind)), EXIT_SERVER)


def _parser(prog: str) -> argparse.ArgumentParser:
    statuses = "\n".join(f"  {status:>3}  {meaning}" for status, meaning in EXIT_STATUSES)
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Stream an answer from one of the package's providers, as it arrives.",
        epilog=f"exit statuses:\n{statuses}\n\n'{prog} serve --help': the OpenAI-compatible API.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("provider", nargs="?", metavar="PROVIDER", help="class or module name")
    parser.add_argument("prompt", nargs="?", metavar="PROMPT", help="the prompt; - reads stdin")
    parser.add_argument("--list", action="store_true", help="list the providers and exit")
    parser.add_argument("--model", help="the model (default: the provider's)")
    parser.add_argument("--system", help="a system message sent before the prompt")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter the provider declares (repeatable)",
    )
    parser.add_argument(
        "--base-url", type=_http_url, help="send to this server instead of the spec's"
    )
    parser.add_argument("--proxy", type=_http_url, help="an HTTP proxy URL")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="total seconds")
    parser.add_argument("--json", action="store_true", help="print one JSON object per event")
    parser.add_argument(
        "--raw",
        action="store_true",
        help="write the text to a terminal as it came, control characters too (escaped otherwise)",
    )
    return parser


def _http_url(text: str) -> str:
    if not is_http_url(text):
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL with a host: {text!r}")
    return text


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def _print_list(registry: Registry, out: TextIO) -> None:
    for info in sorted(registry.infos, key=lambda each: each.name):
        working = "working" if info.working else "not working"
        models = ", ".join(info.models) or "any model"
        out.write(f"{info.name} ({info.module}): {info.framing}, {working}; {models}\n")


def _call(registry: Registry, args: argparse.Namespace) -> tuple[ProviderInfo, dict[str, Any]]:
    """The provider and the arguments of its call, from the command line."""
    if args.provider is None or args.prompt is None:
        raise _UsageError("give a PROVIDER and a PROMPT (or --list)")
    info = registry.info(args.provider)
    # The newline echo ends its line with, or an editor its file, is no part of the prompt.
    prompt = sys.stdin.read().removesuffix("\n") if args.prompt == "-" else args.prompt
    messages: list[Message] = []
    if args.system is not None:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": prompt})
    call: dict[str, Any] = {
        "model": args.model or info.default_model or "",
        "messages": messages,
    }
    try:
        call.update(info.arguments(args.param))
    except ValueError as error:
        raise _UsageError(f"--param: {error}") from None
    options = {"base_url": args.base_url, "proxy": args.proxy, "timeout": args.timeout}
    call.update({name: value for name, value in options.items() if value is not None})
    return info, call


async def _chat(
    registry: Registry, info: ProviderInfo, call: dict[str, Any], *, json_lines: bool, raw: bool
) -> None:
    escaped = not raw and sys.stdout.isatty()
    stream = registry.stream(info.name, call.pop("model"), call.pop("messages"), **call)
    ends_a_line = False
    async with stream, _status_line(info.name) as waiting:
        async for event in stream.events():
            waiting.stop()
            if json_lines:
                sys.stdout.write(_json_line(event))
            elif isinstance(event, TextDelta) and event.text:
                text = _escaped(event.text, _TEXT_CONTROLS) if escaped else event.text
                sys.stdout.write(text)
                ends_a_line = text.endswith("\n")
            sys.stdout.flush()
    if not json_lines and not ends_a_line:
        sys.stdout.write("\n")  # a last line without one is no line to a reader (wc -l, read)


def _json_line(event: StreamEvent) -> str:
    """One event as ``--json`` prints it: a line of JSON, every control in it escaped (which
    leaves its value as it is)."""
    line = json.dumps(_as_json(event), ensure_ascii=False)
    return _JSON_CONTROLS.sub(lambda control: f"\\u{ord(control.group()):04x}", line) + "\n"


def _as_json(event: StreamEvent) -> dict[str, object]:
    """One event as ``--json`` prints it: its ``type``, and what it carries."""
    if isinstance(event, TextDelta):
        return {"type": "text", "text": event.text}
    if isinstance(event, ReasoningDelta):
        return {"type": "reasoning", "text": event.text}
    if isinstance(event, ToolCallDelta):
        return {"type": "tool_call", "delta": event.delta}
    if isinstance(event, Usage):
        return {
            "type": "usage",
            "input_tokens": event.input_tokens,
            "output_tokens": event.output_tokens,
        }
    assert isinstance(event, Finish)
    return {"type": "finish", "reason": event.reason}


class _StatusLine:
    """A spinner on stderr, while stderr is a terminal, until the first event arrives."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if sys.stderr.isatty():
            self._task = asyncio.get_running_loop().create_task(self._spin())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
            _end_line()

    async def _spin(self) -> None:
        frame = 0
        while True:
            sys.stderr.write(f"\r{_SPINNER[frame % len(_SPINNER)]} {self._label}…")
            sys.stderr.flush()
            frame += 1
            await asyncio.sleep(_SPINNER_INTERVAL)


@contextlib.asynccontextmanager
async def _status_line(label: str) -> AsyncIterator[_StatusLine]:
    status = _StatusLine(label)
    status.start()
    try:
        yield status
    finally:
        status.stop()


def _end_line() -> None:
    """Clear the status line, if stderr is a terminal that shows one."""
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
