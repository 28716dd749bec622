# Generated from generator/runtime/_gateway_runner.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""How the gateway's application is served: aiohttp's runner, with bounded waits, handlers
cancelled when their client goes away, what aiohttp's HTTP parser refuses answered in
OpenAI's shape as every other refusal is, and an application replaced while it serves."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import msgspec
from aiohttp import web
from aiohttp.http_exceptions import LineTooLong
from aiohttp.web_request import BaseRequest

from ._constants import GATEWAY_KEEPALIVE_TIMEOUT
from ._gateway_errors import GatewayError

__all__ = ["GatewayRunner"]

_logger = logging.getLogger(__name__)


class GatewayRunner(web.AppRunner):
    """aiohttp's runner for the gateway's application (``serve``'s and each gunicorn
    worker's): a connection that holds no whole request is closed after ``keepalive_timeout``
    seconds (aiohttp's own waits an hour; 0, which would wait for ever, is the default's), a
    client that goes away cancels its handler, and a request that is not HTTP gets a 400 in
    OpenAI's shape.

    :meth:`replace_app` puts another application in the first one's place (``serve`` does on
    SIGHUP): the listening socket and the open connections stay, each request goes to the
    application that is current when it arrives, and an application replaced is shut down
    and cleaned up once its last request has ended, however long its streams run.
    """

    def __init__(
        self,
        app: web.Application,
        *,
        keepalive_timeout: float = GATEWAY_KEEPALIVE_TIMEOUT,
        **options: Any,
    ) -> None:
        # aiohttp arms no timer for 0, not even for a connection that never sends a request:
        # gunicorn's --keep-alive 0 means no keep-alive, not connections held for ever.
        bounded = keepalive_timeout if keepalive_timeout > 0 else GATEWAY_KEEPALIVE_TIMEOUT
        super().__init__(app, handler_cancellation=True, keepalive_timeout=bounded, **options)
        self._requests: dict[web.Application, int] = {}
        """How many requests each application holds, the current one's and those replaced."""
        self._retiring: set[asyncio.Task[None]] = set()

    async def replace_app(self, app: web.Application) -> None:
        """Starts ``app`` and sends every request from now on to it; the application it
        replaces ends once the requests it holds have."""
        await _started(app)
        replaced, self._app = self._app, app
        if not self._requests.get(replaced):
            await _ended(replaced)

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        app = self._app
        self._requests[app] = self._requests.get(app, 0) + 1
        try:
            return await app._handle(request)  # type: ignore[arg-type]  # a web.Request
        finally:
            self._requests[app] -= 1
            if not self._requests[app]:
                del self._requests[app]
                if app is not self._app:  # replaced, and this was its last request
                    self._retire(app)

    def _retire(self, app: web.Application) -> None:
        task = asyncio.get_running_loop().create_task(_ended(app))
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)

    async def _make_server(self) -> web.Server:
        # aiohttp answers what its parser refuses from the connection's handle_error, never
        # through the application: the server is aiohttp's, its connections of a subclass,
        # its requests handed to whichever application is current.
        server = await super()._make_server()
        return _Server(
            self._handle,
            request_factory=server.request_factory,
            handler_cancellation=server.handler_cancellation,
            **server._kwargs,
        )

    async def _cleanup_server(self) -> None:
        await super()._cleanup_server()
        if self._retiring:  # replaced applications whose last requests were just cancelled
            await asyncio.gather(*self._retiring)


async def _started(app: web.Application) -> None:
    """Starts ``app`` as aiohttp's runner starts its own."""
    app._set_loop(asyncio.get_running_loop())
    app.on_startup.freeze()
    await app.startup()
    app.freeze()


async def _ended(app: web.Application) -> None:
    """Ends ``app`` as aiohttp's runner ends its own, its shutdown then its cleanup; a failure
    is logged, never raised: the application that replaced it serves on whatever happens."""
    try:
        try:
            await app.shutdown()
        finally:
            await app.cleanup()
    except Exception as error:
        _logger.warning("an application replaced did not end cleanly: %s", type(error).__name__)


class _Server(web.Server):
    def __call__(self) -> web.RequestHandler:
        return _Connection(self, loop=self._loop, **self._kwargs)


class _Connection(web.RequestHandler):
    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """aiohttp's answer to a failure of its own (a 500), and OpenAI's shape for a request
        its parser refuses; the refused bytes are quoted nowhere, a log included (they may hold
        the client's key)."""
        if status != 400 or request.writer.output_size > 0:
            return super().handle_error(request, status, exc, message)
        _logger.debug("refused a request from %s: %s", request.remote, type(exc).__name__)
        if isinstance(exc, LineTooLong):
            error = GatewayError(
                400,
                "the request is not valid HTTP: a line of its head is too long",
                type="invalid_request_error",
                code="request_too_large",
            )
        else:
            error = GatewayError(
                400,
                "the request is not valid HTTP: its request line or a header is malformed",
                type="invalid_request_error",
                code="invalid_http",
            )
        response = web.Response(
            body=msgspec.json.encode(error.body()), status=400, content_type="application/json"
        )
        response.force_close()
        return response
