# Generated from generator/runtime/_gateway_app.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The gateway's aiohttp application: every provider of a package behind OpenAI's chat API.

``POST /v1/chat/completions`` streams (``stream: true``) or answers whole, ``GET /v1/models``
lists ``PROVIDER/MODEL`` ids, ``GET /healthz`` says the process is up. Without a key, only what
no web page could send is served (:mod:`._gateway_pages`). The application holds
no state between requests but one upstream connection pool, so any number of processes can
serve the same clients. Run it with :class:`~._gateway_runner.GatewayRunner` (``serve`` and
the gunicorn worker do): a client that goes away then cancels its handler, which closes the
upstream call at once. Every error is answered in OpenAI's shape, a failure of the gateway's
own too (a 500, its traceback logged as text: the record holds no exception whose frames an
error reporter would read the variables of, the upstream key in the headers built for it
among them). No 5xx
is worth a client's retry: the provider's call has retried what its policy retries, and a
retry would send the prompt upstream again; each says so to the openai SDKs
(``x-should-retry: false``). The one exception is the 503 of a request that came in as
``serve`` reloaded its package (``gateway_reloaded``): it went nowhere.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import aiohttp
import msgspec
from aiohttp import hdrs, web
from aiohttp.http import HttpVersion11

from ._anthropic_format import (
    MessageEncoder,
    anthropic_chat_document,
    anthropic_error_body,
    message_body,
)
from ._constants import (
    GATEWAY_BODY_TIMEOUT,
    GATEWAY_MAX_REQUEST_BYTES,
    GATEWAY_UPSTREAM_CONNECTIONS,
)
from ._events import ReasoningDelta, StreamEvent, TextDelta, ToolCallDelta
from ._exceptions import PackageReloadedError, ProviderError
from ._gateway_access import METRICS, access_log, noted
from ._gateway_errors import GatewayError, upstream_error
from ._gateway_metrics import METRICS_CONTENT_TYPE, GatewayMetrics
from ._gateway_pages import page_refusal
from ._gateway_request import ChatRequest, chat_requests, read_json_object
from ._gateway_routes import (
    SERVED_BY_HEADER,
    RecentSuccess,
    checked_routes,
    falls_over,
    route_failed,
)
from ._openai_format import (
    DONE_EVENT,
    ChunkEncoder,
    completion_body,
    models_body,
    new_completion_id,
    openai_finish_reason,
)
from ._registry import Registry
from ._responses_format import ResponseEncoder, response_body, responses_chat_document
from ._stream import TextStream
from ._url import BaseURL

__all__ = ["IGNORED_FIELDS_HEADER", "build_app"]

IGNORED_FIELDS_HEADER = "X-Ignored-Fields"
"""Names the request's fields the provider does not declare, which were not passed on."""

_UNAUTHENTICATED = frozenset({"/healthz"})
"""Paths a load balancer's health check reaches without the key."""

_STREAM_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",  # nginx, in front of the gateway, passes each chunk on at once
}

_MOST_LISTED = 1000
"""The longest list of ignored fields sent in a header, in characters."""

_INTERNAL_ERROR = GatewayError(
    500, "the gateway failed to answer this request; its log says why", type="server_error"
)
"""What a failure of the gateway's own is answered with: its details go to the log only."""

_RELOADED = GatewayError(
    503,
    "the gateway reloaded its providers while this request came in: send it again",
    type="server_error",
    code="gateway_reloaded",
    retry=True,
)
"""What a request is answered with that came in just as ``serve`` reloaded its package, for a
provider the old package had not imported: nothing went upstream, so a client's retry is
safe."""

_logger = logging.getLogger(__name__)

_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build_app(
    registry: Registry,
    *,
    base_urls: Mapping[str, BaseURL] | None = None,
    api_key: str | None = None,
    insecure: bool = False,
    routes: Mapping[str, Sequence[str]] | None = None,
    balanced: Collection[str] = (),
    metrics: bool = False,
) -> web.Application:
    """The gateway for ``registry``'s providers.

    ``base_urls`` maps a provider's name (class or module) to the server it is pointed at
    instead of its own (or its origins to servers), as its ``base_url=`` argument does; with
    ``api_key`` every request but the health check needs ``Authorization: Bearer <api_key>``;
    without, ``insecure`` answers a ``Host`` that is any IP address, not loopback's alone.
    ``routes`` maps a model name to the ``PROVIDER/MODEL`` targets it stands for, tried in
    turn (:mod:`._gateway_routes`), those ``balanced`` names ordered by recent success; with
    ``metrics``, ``GET /metrics`` serves them
    (:mod:`._gateway_metrics`). Raises ``UnknownProviderError`` for a name of ``base_urls`` or
    a target of ``routes`` that is no provider, and ImportError for metrics without
    prometheus-client.
    """
    gateway = _Gateway(
        registry,
        base_urls or {},
        api_key,
        insecure=insecure,
        routes=routes or {},
        balanced=frozenset(balanced),
    )
    app = web.Application(
        middlewares=[access_log, gateway.guard], client_max_size=GATEWAY_MAX_REQUEST_BYTES
    )
    app.cleanup_ctx.append(gateway.upstream_pool)
    app.router.add_get("/healthz", gateway.health, expect_handler=gateway.expect)
    app.router.add_get("/v1/models", gateway.models, expect_handler=gateway.expect)
    app.router.add_post(
        "/v1/chat/completions", gateway.chat_completions, expect_handler=gateway.expect
    )
    app.router.add_post("/v1/messages", gateway.messages, expect_handler=gateway.expect)
    app.router.add_post("/v1/responses", gateway.responses, expect_handler=gateway.expect)
    if metrics:
        app[METRICS] = gateway.metrics = GatewayMetrics()
        app.router.add_get("/metrics", gateway.metrics_page, expect_handler=gateway.expect)
    # Last, taking what no route above does: aiohttp would answer Expect there unchecked.
    app.router.add_route(
        hdrs.METH_ANY, "/{path:.*}", gateway.unserved, expect_handler=gateway.expect
    )
    return app


class _Gateway:
    """The handlers, and what they share: the providers, the options, the upstream pool."""

    def __init__(
        self,
        registry: Registry,
        base_urls: Mapping[str, BaseURL],
        api_key: str | None,
        *,
        insecure: bool,
        routes: Mapping[str, Sequence[str]],
        balanced: frozenset[str],
    ):
        self._registry = registry
        self._base_urls = {registry.info(name).name: url for name, url in base_urls.items()}
        self._key = None if api_key is None else api_key.encode("utf-8", "surrogateescape")
        self._insecure = insecure
        self._routes = checked_routes(registry, routes)
        self._balanced = balanced
        self._recent = RecentSuccess()
        self.metrics: GatewayMetrics | None = None
        self._session: aiohttp.ClientSession | None = None

    async def upstream_pool(self, app: web.Application) -> AsyncIterator[None]:
        """One connection pool for every upstream call, open while the application runs."""
        # No cookie jar: a cookie one client's upstream set must never go with another's call.
        connector = aiohttp.TCPConnector(limit=GATEWAY_UPSTREAM_CONNECTIONS)
        tracing = aiohttp.TraceConfig()
        tracing.on_request_start.append(_pass_traceparent)
        async with aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trace_configs=[tracing]
        ) as session:
            self._session = session
            yield
            self._session = None

    @web.middleware
    async def guard(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        """Refuses what the gateway does not serve (no key, or what a web page sent), and
        answers aiohttp's own errors (404, 405, 413) and any failure of the gateway's own (a
        500, its traceback logged) in OpenAI's shape."""
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        try:
            return await handler(request)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            code = error.reason.lower().replace(" ", "_")
            failed = GatewayError(
                error.status, error.reason, type="invalid_request_error", code=code
            )
            allowed = {"Allow": error.headers[hdrs.ALLOW]} if hdrs.ALLOW in error.headers else {}
            return _error_response(failed, allowed)
        except Exception as error:
            _log_failure(error, "%s %s failed", request.method, request.path)
            return _error_response(_INTERNAL_ERROR, {})

    async def expect(self, request: web.Request) -> web.StreamResponse | None:
        """Answers ``Expect: 100-continue`` once the request passed the guard's checks (aiohttp
        would answer before them, inviting the body of a request about to be refused): the
        refusal otherwise, or a 417 for any other expectation."""
        refusal = self._refusal(request)
        if refusal is not None:
            refusal.force_close()  # the body the client may send anyway is no request
            return refusal
        if request.headers[hdrs.EXPECT].lower() != "100-continue":
            error = GatewayError(
                417,
                "Expect must be 100-continue",
                type="invalid_request_error",
                code="expectation_failed",
            )
            return _error_response(error, {})
        if request.version == HttpVersion11:
            await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            request.writer.output_size = 0  # as aiohttp's own: no byte of the answer is sent
        return None

    async def unserved(self, request: web.Request) -> web.StreamResponse:
        """What aiohttp answers where no route is: 405 on a path served by another method, 404
        elsewhere. A route of the gateway's own, so an ``Expect`` there is checked too."""
        allowed = {
            route.method
            for route in request.app.router.routes()
            if route.resource is not None
            and route.resource.canonical == request.path
            and route.method != hdrs.METH_ANY
        }
        if allowed:
            raise web.HTTPMethodNotAllowed(request.method, allowed)
        raise web.HTTPNotFound()

    def _refusal(self, request: web.Request) -> web.Response | None:
        """The answer to a request the gateway refuses before reading it, or None: without the
        key (401), or without a key one a web page could have sent (403, 415)."""
        if self._key is None:
            has_body = request.method == hdrs.METH_POST
            refused = page_refusal(
                host=request.headers.get(hdrs.HOST),
                origin=request.headers.get(hdrs.ORIGIN),
                content_type=request.content_type if has_body else None,
                any_address=self._insecure,
            )
            return None if refused is None else _error_response(refused, {})
        if request.path in _UNAUTHENTICATED or self._authorized(request, self._key):
            return None
        missing = hdrs.AUTHORIZATION not in request.headers and "x-api-key" not in request.headers
        message = "send Authorization: Bearer <key>" if missing else "incorrect API key"
        error = GatewayError(401, message, type="invalid_request_error", code="invalid_api_key")
        return _error_response(error, {"WWW-Authenticate": "Bearer"})

    @staticmethod
    def _authorized(request: web.Request, key: bytes) -> bool:
        """Whether the request sends the key: ``Authorization: Bearer <key>`` (the scheme in
        any case, as HTTP's are) or ``x-api-key: <key>`` (the anthropic SDK's), compared in
        constant time, byte for byte as it came (UTF-8 or not)."""
        scheme, _, token = request.headers.get(hdrs.AUTHORIZATION, "").partition(" ")
        sent = [token] if scheme.lower() == "bearer" else []
        sent += request.headers.getall("x-api-key", [])
        return any(
            hmac.compare_digest(each.strip(" ").encode("utf-8", "surrogateescape"), key)
            for each in sent
        )

    async def health(self, request: web.Request) -> web.Response:
        """``{"status": "ok"}`` while the process serves."""
        return _json_response({"status": "ok", "providers": len(self._registry.infos)})

    async def models(self, request: web.Request) -> web.Response:
        """Every ``PROVIDER/MODEL`` id, in OpenAI's model list."""
        return _json_response(models_body(self._registry.infos))

    async def metrics_page(self, request: web.Request) -> web.Response:
        """Every metric, in Prometheus' text format."""
        assert self.metrics is not None  # the route exists with them
        return web.Response(
            body=self.metrics.page(), headers={"Content-Type": METRICS_CONTENT_TYPE}
        )

    async def chat_completions(self, request: web.Request) -> web.StreamResponse:
        """A chat completion from the provider the model names, streamed or whole."""
        return await self._chat(request, _CHAT_COMPLETIONS)

    async def messages(self, request: web.Request) -> web.StreamResponse:
        """Anthropic's Messages API: the same answer, in Anthropic's shape."""
        return await self._chat(request, _MESSAGES)

    async def responses(self, request: web.Request) -> web.StreamResponse:
        """OpenAI's Responses API: the same answer, as one output message."""
        return await self._chat(request, _RESPONSES)

    async def _chat(self, request: web.Request, api: _API) -> web.StreamResponse:
        """The answer of the provider (or route) the request's model names, in ``api``'s
        shape, streamed or whole."""
        note = noted(request)
        note.api = api.name
        _TRACEPARENT.set(_traceparent(request))
        try:
            body = await _body(request)
        except GatewayError as error:
            note.error = error.code
            response = api.error(error, {})
            response.force_close()  # what is left of the body is no request
            return response
        try:
            attempts = chat_requests(api.read(body), self._registry, self._routes)
        except GatewayError as error:
            note.error = error.code
            return api.error(error, {})
        note.route = attempts[0].route
        try:
            opened = await self._opened(attempts)
        except _RouteFailed as failed:
            headers = _answer_headers(attempts[-1], served=False)
            answer = route_failed(failed.route, failed.failures)
            note.error, note.tried = answer.code, failed.failures[-1][0]
            return api.error(answer, headers)
        except PackageReloadedError:
            note.error = _RELOADED.code
            return api.error(_RELOADED, {})
        note.served_by, note.first_delta = opened.chat.model_id, time.monotonic()
        headers = _answer_headers(opened.chat, served=True)
        try:
            if opened.chat.stream:
                return await _stream(request, opened, headers, api.writer(opened.chat))
            return await _whole(opened, headers, api)
        finally:
            note.usage = opened.stream.usage
            await opened.stream.aclose()

    async def _opened(self, attempts: Sequence[ChatRequest]) -> _Opened:
        """The first of ``attempts`` whose provider gets as far as its first delta (or the
        end of an answer with none); raises _RouteFailed when none does, or one fails in a
        way no other provider would mend."""
        failures: list[tuple[str, ProviderError]] = []
        balanced = attempts[0].route in self._balanced
        if balanced:
            attempts = self._recent.ordered(attempts, lambda chat: chat.model_id)
        for chat in attempts:
            stream: TextStream | None = None
            try:
                stream = self._call(chat)
                batches = stream.event_batches()
                prefix, ended = await _until_first_delta(batches)
            except PackageReloadedError:  # no provider's failure: the client's retry mends it
                raise
            except ProviderError as error:
                if stream is not None:
                    await stream.aclose()
                failures.append((chat.model_id, error))
                if balanced and falls_over(error):
                    self._recent.record(chat.model_id, answered=False)
                if not falls_over(error) or chat is attempts[-1]:
                    break
                if self.metrics is not None:
                    self.metrics.fallbacks.labels(chat.route or "", chat.provider.name).inc()
                _logger.info(
                    "%r failed before answering (%s): trying the next", chat.model_id, error
                )
                continue
            if balanced:
                self._recent.record(chat.model_id, answered=True)
            return _Opened(chat, stream, batches, prefix, ended)
        raise _RouteFailed(attempts[0].route or attempts[0].model_id, failures)

    def _call(self, chat: ChatRequest) -> TextStream:
        return self._registry.stream(
            chat.provider.name,
            chat.model,
            chat.messages,
            session=self._session,
            base_url=self._base_urls.get(chat.provider.name),
            **chat.arguments,
        )


_TRACEPARENT: ContextVar[str | None] = ContextVar("traceparent", default=None)
"""The W3C trace context of the request being answered: each handler runs in a context of
its own, and its provider's requests in it."""

_TRACEPARENT_FORM = re.compile(r"[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
"""A ``traceparent`` as W3C Trace Context writes it; anything else is not passed on."""


def _traceparent(request: web.Request) -> str | None:
    sent = request.headers.get("traceparent", "").strip().lower()
    return sent if _TRACEPARENT_FORM.fullmatch(sent) else None


async def _pass_traceparent(
    session: aiohttp.ClientSession, context: object, params: aiohttp.TraceRequestStartParams
) -> None:
    """Sends the client's ``traceparent`` with each upstream request its answer makes."""
    traceparent = _TRACEPARENT.get()
    if traceparent is not None and "traceparent" not in params.headers:
        params.headers["traceparent"] = traceparent


async def _body(request: web.Request) -> bytes:
    """The request's body, sent within GATEWAY_BODY_TIMEOUT; raises GatewayError (400, 408)
    when it cannot be read, and aiohttp's 413 when it is too large."""
    try:
        async with asyncio.timeout(GATEWAY_BODY_TIMEOUT):
            return await request.read()
    except TimeoutError:
        message = f"the request body did not arrive within {GATEWAY_BODY_TIMEOUT:g} s"
        raise GatewayError(
            408, message, type="invalid_request_error", code="request_timeout"
        ) from None
    except web.RequestPayloadError:
        # Marked read: aiohttp would read it again after the answer, and log the same error.
        request.content.feed_eof()
        message = "cannot read the request body: it is not in the encoding its headers declare"
        raise GatewayError(
            400, message, type="invalid_request_error", code="invalid_body"
        ) from None


@dataclass(frozen=True)
class _Opened:
    """A provider's answer that has begun: its request, its stream and its first delta."""

    chat: ChatRequest
    stream: TextStream
    batches: AsyncIterator[list[StreamEvent]]
    """The events after ``prefix``, a read's worth at a time."""
    prefix: list[StreamEvent]
    """The events of the reads up to the first delta's, read before the answer was committed
    to."""
    ended: bool
    """Whether the answer ended with ``prefix`` (it had no delta)."""


class _RouteFailed(Exception):
    """Every provider tried failed before answering."""

    def __init__(self, route: str, failures: list[tuple[str, ProviderError]]) -> None:
        super().__init__(route)
        self.route = route
        self.failures = failures


@dataclass(frozen=True)
class _API:
    """How one API's requests are read and answered."""

    name: str
    read: Callable[[bytes], dict[str, Any]]
    error: Callable[[GatewayError, Mapping[str, str]], web.Response]
    writer: Callable[[ChatRequest], _EventWriter]
    whole: Callable[[ChatRequest, TextStream, str, str], object]
    """The body of a whole answer, of its request, stream, text and reasoning."""


def _answer_headers(chat: ChatRequest, *, served: bool) -> dict[str, str]:
    headers = {IGNORED_FIELDS_HEADER: _listed(chat.ignored)} if chat.ignored else {}
    if served:
        headers[SERVED_BY_HEADER] = quote(chat.model_id, safe="/:@")
    return headers


class _EventWriter(Protocol):
    """The bytes of one API's streamed answer: its start, each event, its end, or its last
    event when it fails once begun."""

    def start(self) -> bytes: ...

    def event(self, event: StreamEvent) -> bytes: ...

    def end(self, stream: TextStream) -> bytes: ...

    def failed(self, error: GatewayError) -> bytes: ...


async def _stream(
    request: web.Request, opened: _Opened, headers: dict[str, str], writer: _EventWriter
) -> web.StreamResponse:
    """The answer as ``writer`` writes it, its first event already read; a failure after it is
    ``writer``'s last event (a ``server_error`` when it was the gateway's own, logged)."""
    metrics = request.app.get(METRICS)
    if metrics is not None:
        metrics.active_streams.inc()
    try:
        return await _streamed(request, opened, headers, writer)
    finally:
        if metrics is not None:
            metrics.active_streams.dec()


async def _streamed(
    request: web.Request, opened: _Opened, headers: dict[str, str], writer: _EventWriter
) -> web.StreamResponse:
    response = web.StreamResponse(headers={**_STREAM_HEADERS, **headers})
    await response.prepare(request)
    failure: GatewayError | None = None
    # What came in one read leaves in one write: the head, the start and the first delta in
    # one packet, and a burst in as few as it came in.
    try:
        await response.write(writer.start() + b"".join(map(writer.event, opened.prefix)))
        if not opened.ended:
            async for batch in opened.batches:
                await response.write(b"".join(map(writer.event, batch)))
    except ProviderError as error:
        failure = upstream_error(error)
    except ConnectionResetError:  # the client went away as it was written to: no one to tell
        return response
    except Exception as error:
        _log_failure(error, "the stream of %r failed after it began", opened.chat.model_id)
        failure = _INTERNAL_ERROR
    if failure is not None:
        noted(request).error = failure.code or failure.type
    await response.write_eof(
        writer.end(opened.stream) if failure is None else writer.failed(failure)
    )
    return response


class _ChunkWriter:
    """OpenAI's ``chat.completion.chunk`` events."""

    def __init__(self, chat: ChatRequest) -> None:
        self._include_usage = chat.include_usage
        self._encoder = ChunkEncoder(
            new_completion_id(), int(time.time()), chat.model_id, include_usage=chat.include_usage
        )

    def start(self) -> bytes:
        return self._encoder.role()

    def event(self, event: StreamEvent) -> bytes:
        # Finish and usage are told at the end (stream.finish_reason, stream.usage): OpenAI's
        # order puts them after the last text, where some APIs report them before it.
        if isinstance(event, TextDelta):
            return self._encoder.content(event.text)
        if isinstance(event, ReasoningDelta):
            return self._encoder.reasoning(event.text)
        return b""

    def end(self, stream: TextStream) -> bytes:
        """The finish chunk, the usage chunk when it was asked for and is known, ``[DONE]``."""
        ending = self._encoder.finish(openai_finish_reason(stream.finish_reason))
        if self._include_usage and stream.usage is not None:
            ending += self._encoder.usage(stream.usage)
        return ending + DONE_EVENT

    def failed(self, error: GatewayError) -> bytes:
        return b"data: " + msgspec.json.encode(error.body()) + b"\n\n"


class _MessageWriter:
    """Anthropic's Messages API events."""

    def __init__(self, chat: ChatRequest) -> None:
        self._encoder = MessageEncoder(chat.model_id)

    def start(self) -> bytes:
        return self._encoder.start()

    def event(self, event: StreamEvent) -> bytes:
        if isinstance(event, TextDelta):
            return self._encoder.text(event.text)
        if isinstance(event, ReasoningDelta):
            return self._encoder.thinking(event.text)
        return b""

    def end(self, stream: TextStream) -> bytes:
        return self._encoder.end(openai_finish_reason(stream.finish_reason), stream.usage)

    def failed(self, error: GatewayError) -> bytes:
        return self._encoder.error(error)


class _ResponseWriter:
    """OpenAI's Responses API events (its text alone: reasoning is not sent)."""

    def __init__(self, chat: ChatRequest) -> None:
        self._encoder = ResponseEncoder(chat.model_id)

    def start(self) -> bytes:
        return self._encoder.start()

    def event(self, event: StreamEvent) -> bytes:
        return self._encoder.text(event.text) if isinstance(event, TextDelta) else b""

    def end(self, stream: TextStream) -> bytes:
        return self._encoder.end(stream.usage)

    def failed(self, error: GatewayError) -> bytes:
        return self._encoder.failed(error)


async def _whole(opened: _Opened, headers: dict[str, str], api: _API) -> web.Response:
    """The whole answer as one of ``api``'s answers; any upstream failure is an error."""
    try:
        text, reasoning = await _collected(opened)
    except ProviderError as error:
        return api.error(upstream_error(error), headers)
    return _json_response(api.whole(opened.chat, opened.stream, text, reasoning), headers=headers)


def _completion(chat: ChatRequest, stream: TextStream, text: str, reasoning: str) -> object:
    """One ``chat.completion``."""
    finish = openai_finish_reason(stream.finish_reason)
    return completion_body(
        new_completion_id(), int(time.time()), chat.model_id, text, reasoning, finish, stream.usage
    )


def _message(chat: ChatRequest, stream: TextStream, text: str, reasoning: str) -> object:
    """One Messages API message."""
    finish = openai_finish_reason(stream.finish_reason)
    return message_body(chat.model_id, text, reasoning, finish, stream.usage)


def _response(chat: ChatRequest, stream: TextStream, text: str, reasoning: str) -> object:
    """One Responses API response (its text alone: reasoning is not sent)."""
    return response_body(chat.model_id, text, stream.usage)


def _anthropic_error_response(error: GatewayError, headers: Mapping[str, str]) -> web.Response:
    return _json_response(
        anthropic_error_body(error), status=error.status, headers={**headers, **error.headers()}
    )


async def _until_first_delta(
    batches: AsyncIterator[list[StreamEvent]],
) -> tuple[list[StreamEvent], bool]:
    """The events of the reads up to the first delta's, and whether the answer ended before
    one: a usage or finish event an API sends first (Anthropic's ``message_start``) commits no
    route to its provider."""
    prefix: list[StreamEvent] = []
    async for batch in batches:
        prefix += batch
        if any(isinstance(event, TextDelta | ReasoningDelta | ToolCallDelta) for event in batch):
            return prefix, False
    return prefix, True


async def _collected(opened: _Opened) -> tuple[str, str]:
    """The whole answer's text and reasoning; raises the provider's error."""
    text: list[str] = []
    reasoning: list[str] = []
    for event in opened.prefix:
        _collect(event, text, reasoning)
    if not opened.ended:
        async for batch in opened.batches:
            for event in batch:
                _collect(event, text, reasoning)
    return "".join(text), "".join(reasoning)


def _collect(event: StreamEvent, text: list[str], reasoning: list[str]) -> None:
    if isinstance(event, TextDelta):
        text.append(event.text)
    elif isinstance(event, ReasoningDelta):
        reasoning.append(event.text)


def _log_failure(error: BaseException, message: str, *arguments: object) -> None:
    """Logs a failure of the gateway's own, its traceback as text. The record carries no
    exception: error reporters (Sentry's logging integration, by default) send the variables
    of each frame of a record's exception, and the frames of an upstream call hold the key in
    the headers and URL built with it. Clearing them instead would finalize a generator whose
    frame an exception passed through and that still runs (before Python 3.13)."""
    lines = "".join(traceback.format_exception(error)).rstrip()
    _logger.error(message + "\n%s", *arguments, lines)


def _listed(names: Sequence[str]) -> str:
    """``names`` for a header: each percent-encoded (a field's name is the client's text, a line
    break included), the list cut to what any client's header limit holds."""
    kept: list[str] = []
    size = 0
    for name in names:
        quoted = quote(name, safe="")
        size += len(quoted) + 2
        if size > _MOST_LISTED:
            kept.append("...")
            break
        kept.append(quoted)
    return ", ".join(kept)


def _json_response(
    body: object, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=msgspec.json.encode(body),
        status=status,
        headers=headers,
        content_type="application/json",
    )


def _error_response(error: GatewayError, headers: Mapping[str, str]) -> web.Response:
    return _json_response(error.body(), status=error.status, headers={**headers, **error.headers()})


_CHAT_COMPLETIONS = _API(
    "chat_completions", read_json_object, _error_response, _ChunkWriter, _completion
)
_MESSAGES = _API(
    "messages",
    lambda body: anthropic_chat_document(read_json_object(body)),
    _anthropic_error_response,
    _MessageWriter,
    _message,
)
_RESPONSES = _API(
    "responses",
    lambda body: responses_chat_document(read_json_object(body)),
    _error_response,
    _ResponseWriter,
    _response,
)
