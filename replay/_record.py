"""``python -m replay record``: one real call through a spec's provider, as a recording.

The provider is built from the spec as it is now, into a temporary package, so an edited spec is
recorded without a build. Each origin its call reaches (its steps', its streamed request's) is
pointed at a :class:`RecordingProxy` that forwards every request to that origin (the streamed
request's to ``--base-url``, if given) and keeps each answer read by read, and a WebSocket's
messages both ways; what the provider made of it is read from ``stream.events()`` in the same
pass. Everything written is redacted of secrets (:class:`RecordingRedactor`): the spec's
variables and, once the call is over, every value the call kept secret (what its steps took,
its cookies, its secret arguments). It is checked with :func:`load_recording` before it takes
its place.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import importlib
import json
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import aiohttp
from multidict import CIMultiDict

from generator import ProviderSpec, SpecError, find_config, load_specs
from generator._build import write_atomically
from generator._package import package_files
from generator.runtime._url import rebase_url

from ._proxy import Exchange, RecordingProxy, Upstream
from ._recordings import RecordingError, load_recording
from ._redaction import RecordingRedactor

__all__ = [
    "CallToRecord",
    "RecordError",
    "RecordUsageError",
    "default_output",
    "record",
    "run",
    "write_recording",
]


class RecordError(Exception):
    """Nothing can be recorded; the message says why, in one line."""


class RecordUsageError(RecordError):
    """The command line asks for what the provider does not take."""


@dataclass(frozen=True)
class CallToRecord:
    """What to send: the prompt, and the command line's model, server and parameters."""

    prompt: str
    model: str | None = None
    """Default: the provider's default model."""
    base_url: str | dict[str, str] | None = None
    """Where the streamed request goes instead of the spec's endpoint; or, a mapping, where
    each origin it names goes (a flow's steps' origins too). Default: where the spec says."""
    params: tuple[str, ...] = ()
    """``NAME=VALUE`` texts."""


@dataclass(frozen=True)
class _Built:
    """The provider built from a spec: its package, what the registry says, its class."""

    package: ModuleType
    info: Any
    provider: Any
    endpoint: Any
    """The module's ``_ENDPOINT``."""


def run(args: argparse.Namespace) -> int:
    """Record as the command line says; the exit status (1 failure, 2 usage, 130 Ctrl-C)."""
    config = find_config(Path.cwd())
    try:
        [spec] = load_specs([args.spec], config.root)
    except SpecError as error:
        print(error, file=sys.stderr)
        return 1
    call = CallToRecord(args.prompt, args.model, args.base_url, tuple(args.param))
    path = args.out or default_output(config.root, spec.module)
    try:
        _check_destination(path, chosen=args.out is not None)
        data = asyncio.run(record(spec, call))
        write_recording(data, path)
    except RecordError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2 if isinstance(error, RecordUsageError) else 1
    except KeyboardInterrupt:
        print("interrupted: nothing recorded", file=sys.stderr)
        return 130
    print(f"wrote {config.display(path)}")
    return 0


def default_output(root: Path, module: str) -> Path:
    """``recordings/<module>/recorded-<UTC time, to the millisecond>.json`` below ``root``."""
    now = datetime.now(UTC)
    stamp = f"{now:%Y%m%dT%H%M%S}{now.microsecond // 1000:03d}Z"
    return root / "recordings" / module / f"recorded-{stamp}.json"


def _check_destination(path: Path, *, chosen: bool) -> None:
    """Refuse, before anything is sent, a recording that could not be written to ``path``.

    A path the recorder chose itself must be new: two recordings never share a name.
    """
    if path.is_dir():
        raise RecordUsageError(f"--out {path} is a folder: name the recording's file")
    if not chosen and path.exists():
        raise RecordError(f"{path} exists already: give --out")
    folder = next(parent for parent in path.parents if parent.exists())
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise RecordUsageError(f"--out {path}: cannot write in {folder}")


async def record(spec: ProviderSpec, call: CallToRecord) -> dict[str, object]:
    """One call of ``spec``'s provider, sent as ``call`` says, as a recording's JSON."""
    if spec.auth is not None:
        # A signature covers the host the provider sends to, which is the proxy's; a token
        # is fetched outside the proxy: neither would be recorded as the server saw it.
        raise RecordUsageError(
            f"{spec.class_name} signs its requests (auth): they cannot be recorded through "
            "the proxy; write its recording by hand, as recordings/bedrock_converse/ shows"
        )
    with _built(spec) as built:
        kwargs = _kwargs(built.info, call.params)
        model = call.model if call.model is not None else built.info.default_model or ""
        messages: list[object] = [{"role": "user", "content": call.prompt}]
        secrets = {name: os.environ.get(name, "") for name in built.endpoint.secrets}
        servers = (
            [call.base_url] if isinstance(call.base_url, str) else [*(call.base_url or {}).values()]
        )
        redactor = RecordingRedactor(secrets, servers)
        started = datetime.now(UTC)
        sent, exchanges, outcome = await _exchanges(
            built, _upstreams(spec, call.base_url), (model, messages, kwargs), redactor
        )
        expect = {"call": {"model": model, "messages": messages, "kwargs": kwargs}, **outcome}
        recorded = [
            _exchange(exchange, headers, redactor)
            for exchange, headers in zip(exchanges, sent, strict=True)
        ]
        description = redactor.text(
            f"Recorded by `python -m replay record` at {started:%Y-%m-%dT%H:%M:%SZ}: "
            f"{spec.class_name} asked {call.prompt!r}."
        )
        if len(recorded) == 1 and "response" in recorded[0]:
            return {"description": description, **recorded[0], "expect": redactor.value(expect)}
        return {
            "description": description,
            "exchanges": recorded,
            "expect": redactor.value(expect),
        }


def _upstreams(spec: ProviderSpec, base_url: str | dict[str, str] | None) -> list[Upstream]:
    """Each origin the call reaches, in the order its requests do, moved where ``base_url``
    says (credentials in it sent as Basic authorization)."""
    streamed = _origin(spec.request.url)
    origins = [_origin(step.request.url) for step in spec.steps] + [streamed]
    moved = {streamed: base_url} if isinstance(base_url, str) else dict(base_url or {})
    upstreams = []
    for origin in dict.fromkeys(origins):
        if "${" in origin:
            raise RecordUsageError(
                f"{origin}: a host picked per call cannot be recorded through the proxy"
            )
        server = moved.get(origin)
        if server is None:
            upstreams.append(Upstream(origin, origin))
        else:
            url = rebase_url(origin, _bare(server))
            upstreams.append(Upstream(origin, url, _authorization(server)))
    return upstreams


async def _exchanges(
    built: _Built,
    upstreams: list[Upstream],
    arguments: tuple[str, list[object], dict[str, object]],
    redactor: RecordingRedactor,
) -> tuple[list[CIMultiDict[str]], list[Exchange], dict[str, object]]:
    """Call the provider through a proxy to its origins: the headers it sent each time, the
    exchanges, and what ``expect`` says of the outcome besides the call. The values the call
    kept secret join ``redactor``'s."""
    async with RecordingProxy(upstreams, built.endpoint.timeouts) as proxy:
        sent, events, error, kept = await _send(built, proxy.base_urls(), *arguments)
        for exchange in proxy.exchanges:
            await exchange.done.wait()  # the provider may stop reading before the body ends
        exchanges = list(proxy.exchanges)
    redactor.keep(kept)
    _check(built, exchanges, error, redactor)
    return _headers_sent(sent, exchanges), exchanges, _outcome(built, events, error)


def _headers_sent(
    traced: list[CIMultiDict[str]], exchanges: list[Exchange]
) -> list[CIMultiDict[str]]:
    """The headers the provider gave each exchange: as traced before aiohttp added its own,
    for each HTTP request in turn; a WebSocket's (opened by a session of the call's own, which
    no trace sees) as they came, less what aiohttp adds to every handshake."""
    left = iter(traced)
    sent = []
    for exchange in exchanges:
        if exchange.messages is None:
            headers = CIMultiDict(next(left))
            # The call's cookies are added after the trace sees the headers: as they came.
            if "Cookie" in exchange.headers and "Cookie" not in headers:
                headers["Cookie"] = exchange.headers["Cookie"]
            sent.append(headers)
            continue
        sent.append(
            CIMultiDict(
                (name, value)
                for name, value in exchange.headers.items()
                if name.lower() not in _ADDED_TO_HANDSHAKES
                and not (
                    name.lower() in _AIOHTTP_DEFAULTS
                    and value.startswith(_AIOHTTP_DEFAULTS[name.lower()])
                )
            )
        )
    return sent


@contextlib.contextmanager
def _built(spec: ProviderSpec) -> Iterator[_Built]:
    """``spec``'s provider, from a package of its own rendered into a temporary folder."""
    name = f"_streamgen_record_{uuid.uuid4().hex}"
    files = package_files(
        [spec], name, spec.source, modules=[spec.module], parts=frozenset({"registry"})
    )
    with tempfile.TemporaryDirectory(prefix="streamgen-record-") as folder:
        for relative, source in files.items():
            path = Path(folder, name, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
        sys.path.insert(0, folder)
        try:
            package = importlib.import_module(name)
            yield _Built(
                package=package,
                info=package._REGISTRY.info(spec.class_name),
                provider=package._REGISTRY.get_provider(spec.class_name),
                endpoint=importlib.import_module(f"{name}.{spec.module}")._ENDPOINT,
            )
        finally:
            sys.path.remove(folder)
            for module in [key for key in sys.modules if key.partition(".")[0] == name]:
                del sys.modules[module]


def _kwargs(info: Any, params: Sequence[str]) -> dict[str, object]:
    """The ``--param`` texts as keyword arguments of the provider, typed as it declares."""
    try:
        kwargs: dict[str, object] = info.arguments(params)
    except ValueError as error:
        raise RecordUsageError(f"--param: {error}") from None
    return kwargs


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of a spec's URL, lower-cased, as a ``base_url`` mapping names it."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


_ADDED_TO_HANDSHAKES = frozenset(
    {"host", "accept-encoding", "content-length", "upgrade", "connection"}
    | {"sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions"}
)
"""What aiohttp adds to every WebSocket handshake it sends."""
_AIOHTTP_DEFAULTS = {"accept": "*/*", "user-agent": "Python/"}
"""What aiohttp sends of these headers when the provider sends none."""

_TRANSPORT = frozenset(
    {
        "upgrade",
        "connection",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
    }
)
"""Headers of a WebSocket handshake that aiohttp makes itself: no part of what the spec sends."""


def _bare(url: str) -> str:
    """``url`` without its userinfo."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _authorization(url: str) -> str | None:
    """The Basic authorization for ``url``'s userinfo, as aiohttp sends it; None without."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return None
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    return aiohttp.encode_basic_auth(user, password, encoding="latin1")


async def _send(
    built: _Built,
    base_urls: dict[str, str],
    model: str,
    messages: list[object],
    kwargs: dict[str, object],
) -> tuple[list[CIMultiDict[str]], list[object], Exception | None, list[tuple[str, str]]]:
    """Call the provider through the proxy ``base_urls`` name: the headers it sent each time,
    its events, its error, and the values it kept secret."""
    sent: list[CIMultiDict[str]] = []

    async def note(
        session: aiohttp.ClientSession, context: object, params: aiohttp.TraceRequestStartParams
    ) -> None:
        # The headers as the provider gave them, before aiohttp adds its own (Host, ...).
        sent.append(CIMultiDict(params.headers))

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(note)
    events: list[object] = []
    stream = None
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        try:
            stream = built.provider.create_async_generator(
                model, messages, base_url=base_urls, session=session, max_retries=0, **kwargs
            )
            async for event in stream.events():
                events.append(event)
        except built.package.ProviderError as error:
            return sent, events, error, [] if stream is None else stream.kept_secrets()
    return sent, events, None, stream.kept_secrets()


def _check(
    built: _Built, exchanges: list[Exchange], error: Exception | None, redactor: RecordingRedactor
) -> None:
    """Refuse to record a call that did not happen whole, or cannot be replayed."""
    if not exchanges:
        why = f": {error}" if error is not None else ""
        raise RecordError(redactor.text(f"{built.info.name} sent no request{why}"))
    for exchange in exchanges:
        if exchange.failure is not None:
            raise RecordError(redactor.text(exchange.failure))
    # A timeout or a broken connection between the provider and the proxy is not the server's
    # answer, and a replay would not reproduce it.
    package = built.package
    if isinstance(error, package.ProviderTimeoutError | package.ProviderConnectionError):
        raise RecordError(redactor.text(f"the call failed: {error}"))


def _outcome(built: _Built, events: list[object], error: Exception | None) -> dict[str, object]:
    """What ``expect`` says besides the call: the deltas and events, or the error."""
    package = built.package
    deltas = [event.text for event in events if isinstance(event, package.TextDelta)]
    if error is not None:
        outcome: dict[str, object] = {"error": type(error).__name__}
        if isinstance(error, package.APIStatusError):
            outcome["status"] = error.status
        if isinstance(error, package.ServerReportedError):
            outcome["message"] = error.server_message
        if deltas:
            outcome["deltas_before_error"] = deltas
        return outcome
    # Raw text: the deltas are the reads, so only their concatenation is fixed.
    outcome = {"text": "".join(deltas)} if built.info.framing == "text" else {"deltas": deltas}
    if any(not isinstance(event, package.TextDelta) for event in events):
        outcome["events"] = [_event(event, package) for event in events]
    return outcome


def _event(event: Any, package: ModuleType) -> dict[str, object]:
    """An event as ``expect.events`` writes it."""
    if isinstance(event, package.TextDelta):
        return {"text": event.text}
    if isinstance(event, package.ReasoningDelta):
        return {"reasoning": event.text}
    if isinstance(event, package.ToolCallDelta):
        return {"tool_call": event.delta}
    if isinstance(event, package.Usage):
        counts = {"input_tokens": event.input_tokens, "output_tokens": event.output_tokens}
        return {"usage": {key: value for key, value in counts.items() if value is not None}}
    return {"finish": event.reason}


def _exchange(
    exchange: Exchange, headers: CIMultiDict[str], redactor: RecordingRedactor
) -> dict[str, object]:
    """One exchange as a recording keeps it: the request, and its response or messages."""
    request: dict[str, object] = {
        "method": exchange.method,
        "url": redactor.url(_at_origin(exchange)),
        "headers": redactor.headers(
            {name: value for name, value in headers.items() if name.lower() not in _TRANSPORT}
        ),
    }
    request.update(_body(exchange, redactor))
    if exchange.messages is None:
        return {"request": request, "response": _response(exchange, redactor)}
    messages = [{side: redactor.text(text)} for side, text in exchange.messages]
    return {"request": request, "messages": messages}


def _at_origin(exchange: Exchange) -> str:
    """The exchange's URL at the origin it was meant for."""
    return exchange.origin + exchange.target


def _body(exchange: Exchange, redactor: RecordingRedactor) -> dict[str, object]:
    """The request's body as a recording keeps it: ``json``, or else ``body`` text."""
    if not exchange.body:
        return {}
    text = exchange.body.decode("utf-8", errors="replace")
    media_type = exchange.headers.get("Content-Type", "").partition(";")[0].strip()
    if media_type.endswith("json"):
        with contextlib.suppress(ValueError):
            return {"json": redactor.value(json.loads(text))}
    return {"body": redactor.text(text)}


def _response(exchange: Exchange, redactor: RecordingRedactor) -> dict[str, object]:
    """The answer as it arrived: status, headers, and the body read by read."""
    assert exchange.status is not None  # the exchange is whole
    headers: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, value in exchange.response_headers.items():
        # A recording keeps one value per header: repeated ones are joined, as HTTP allows,
        # each redacted first (two cookies are two secrets).
        [(redacted, value)] = redactor.headers({name: value}).items()
        shown = names.setdefault(redacted.lower(), redacted)
        headers[shown] = f"{headers[shown]}, {value}" if shown in headers else value
    chunks, delays = redactor.chunks(exchange.chunks, exchange.delays)
    return {
        "status": exchange.status,
        "headers": headers,
        "chunks": [_chunk(chunk) for chunk in chunks],
        "delays": delays,
    }


def _chunk(chunk: bytes) -> object:
    """A chunk as text if it is valid UTF-8 on its own, else as base64."""
    try:
        return chunk.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(chunk).decode("ascii")}


_OWNER_ONLY = 0o600
"""The mode of a recording file: read and written by its owner alone."""


def write_recording(data: dict[str, object], path: Path) -> None:
    """Write ``data`` to ``path`` atomically, once it loads as a recording, readable by its
    owner alone (whatever the umask): redaction finds the forms of a secret it knows, and a
    server may have sent one in a form it does not."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate the server sent: written escaped
        text = json.dumps(data, indent=2) + "\n"
    try:
        write_atomically(path, text, _OWNER_ONLY, check=load_recording)
    except RecordingError as error:
        raise RecordError(f"not a recording, not written: {error.key}: {error.reason}") from None
