"""``python -m <package> serve``: the package's providers behind one OpenAI-compatible endpoint.

``serve_command`` parses the options and serves until Ctrl-C (or SIGTERM); ``gunicorn_app``
is the same application for gunicorn, run by :class:`GatewayWorker` in each worker process.
Safe by default: it listens on 127.0.0.1, and refuses any other address without a key
(``--api-key-env``) unless told ``--insecure``; without a key it serves nothing a web page
could send (``_gateway_pages``).

On SIGHUP, ``serve`` imports its package anew and serves what it now holds, its config file
read again, without closing a connection or a stream: requests from then on go to the new
application, and the old one ends when its last stream has (``GatewayRunner.replace_app``).
The rebuilt package's own gateway builds the new application, since only its runtime knows
its providers' events. Under gunicorn, ``HUP`` starts new workers and lets the old ones
finish theirs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import logging
import os
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from aiohttp import web

from ._constants import GATEWAY_HOST, GATEWAY_KEEPALIVE_TIMEOUT, GATEWAY_PORT
from ._exceptions import UnknownProviderError, did_you_mean
from ._gateway_access import ACCESS_LOG_FORMATS, ACCESS_LOGGER, JSONAccessFormatter
from ._gateway_app import build_app
from ._gateway_config import ConfigFileError, GatewayConfig, load_config
from ._gateway_pages import is_loopback
from ._gateway_runner import GatewayRunner
from ._registry import Registry
from ._url import BaseURL, is_http_url

__all__ = ["ServeError", "gunicorn_app", "serve_command"]


class ServeError(Exception):
    """The gateway cannot start as configured; the message says why."""


@dataclass(frozen=True)
class _Options:
    registry: Registry
    host: str
    port: int
    app: web.Application
    keepalive_timeout: float
    access_log: str

    def log_access(self) -> logging.Handler | None:
        """Sends the access log's lines to stderr as ``access_log`` says (nowhere for ``off``);
        the handler that does, to remove when done."""
        return _access_handler(self.access_log)


def serve_command(registry: Registry, argv: Sequence[str], prog: str) -> int:
    """Serve ``registry``'s providers as ``argv`` says until Ctrl-C; the exit status."""
    try:
        options = _serve_options(registry, argv, prog)
    except SystemExit as stopped:  # --help, or a usage error argparse has printed
        return stopped.code if isinstance(stopped.code, int) else 2
    except ServeError as error:
        print(f"{prog}: error: {error}", file=sys.stderr)
        return 2
    try:
        asyncio.run(_serve(options, argv, prog))
    except KeyboardInterrupt:
        pass
    except OSError as error:  # the port is taken, the address is not this machine's
        print(
            f"{prog}: error: cannot listen on {options.host}:{options.port}: {error}",
            file=sys.stderr,
        )
        return 1
    return 0


def gunicorn_app(
    package: str,
    *,
    base_urls: Mapping[str, str] | None = None,
    api_key_env: str | None = None,
    insecure: bool = False,
    config: str | None = None,
    metrics: bool = False,
) -> web.Application:
    """The gateway of package ``package``, for gunicorn with :class:`GatewayWorker`::

        gunicorn 'generated._runtime._gateway:gunicorn_app("generated")' --workers 4 \\
            --worker-class generated._runtime._gateway.GatewayWorker --bind 127.0.0.1:8000

    Without ``api_key_env`` it answers loopback's names alone, as ``serve`` does, and any
    address with ``insecure``. ``config`` names a file of ``serve --config``'s (its host, port
    and keep-alive are gunicorn's to set); the arguments win over it. Raises
    :class:`ServeError` when ``api_key_env`` names an unset variable, ``base_urls`` names no
    provider, or the file cannot be used.
    """
    registry = _package_registry(package)
    settings = GatewayConfig() if config is None else _config(Path(config), registry)
    api_key = _gateway_key(api_key_env, settings)
    insecure = insecure or bool(settings.insecure)
    return _app(registry, settings, base_urls or {}, api_key, insecure=insecure, metrics=metrics)


# GatewayWorker exists where gunicorn is installed only: it is no name of __all__ for that.
with contextlib.suppress(ImportError):  # without gunicorn, serve has no use for its worker
    from aiohttp.worker import GunicornWebWorker

    class GatewayWorker(GunicornWebWorker):
        """gunicorn's aiohttp worker, its runner the gateway's (handler cancellation on, what is
        not HTTP refused in OpenAI's shape) with gunicorn's access log, keep-alive and graceful
        timeout, as aiohttp's worker makes it."""

        wsgi: Any
        """What gunicorn loaded (``gunicorn_app``'s application), then its runner's factory."""

        def load_wsgi(self) -> None:
            """The application gunicorn loaded, as the async factory of its runner: of the
            package imported anew, as it is on disk now. gunicorn's master imported the
            package with this class, and a worker it forks on HUP would otherwise serve the
            package as it was when gunicorn started."""
            package = __name__.rpartition("._runtime.")[0]
            _forget(package)
            super().load_wsgi()
            app: web.Application = self.wsgi
            runners = importlib.import_module(f"{package}._runtime._gateway_runner")

            async def runner() -> web.AppRunner:
                runner: web.AppRunner = runners.GatewayRunner(
                    app,
                    logger=self.log,
                    keepalive_timeout=self.cfg.keepalive,
                    access_log=self.log.access_log if self.cfg.accesslog else None,
                    access_log_format=self._get_valid_log_format(self.cfg.access_log_format),
                    # Within gunicorn's graceful timeout, as aiohttp's worker has it: the
                    # streams left are cancelled before gunicorn kills the worker.
                    shutdown_timeout=self.cfg.graceful_timeout / 100 * 95,
                )
                return runner

            self.wsgi = runner


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve every provider behind one OpenAI-compatible endpoint: "
        "POST /v1/chat/completions with model PROVIDER or PROVIDER/MODEL, GET /v1/models. "
        "SIGHUP serves the package as rebuilt since, its streams running on.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read the settings from a YAML file (docs/gateway.md); flags win over it",
    )
    parser.add_argument("--host", help=f"address ({GATEWAY_HOST})")
    parser.add_argument("--port", type=int, help=f"port ({GATEWAY_PORT})")
    parser.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="PROVIDER=URL",
        help="point PROVIDER at another server, as its base_url= argument does (repeatable)",
    )
    parser.add_argument(
        "--api-key-env",
        metavar="NAME",
        help="require Authorization: Bearer <value of environment variable NAME>",
    )
    parser.add_argument(
        "--access-log",
        choices=ACCESS_LOG_FORMATS,
        help="one line per request on stderr, as text (the default) or JSON; off: none",
    )
    parser.add_argument(
        "--metrics",
        action="store_true",
        help="serve GET /metrics in Prometheus' format (needs pip install prometheus-client)",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="allow an address other than loopback without --api-key-env",
    )
    return parser


def _serve_options(registry: Registry, argv: Sequence[str], prog: str) -> _Options:
    """What ``serve ARGV`` serves ``registry``'s providers with; raises ServeError when that
    cannot be, and argparse's SystemExit (having printed why) for arguments it refuses."""
    return _options(registry, _parser(prog).parse_args(argv))


def _options(registry: Registry, arguments: argparse.Namespace) -> _Options:
    config = GatewayConfig() if arguments.config is None else _config(arguments.config, registry)
    api_key = _gateway_key(arguments.api_key_env, config)
    host: str = arguments.host or config.host or GATEWAY_HOST
    insecure = arguments.insecure or bool(config.insecure)
    if api_key is None and not is_loopback(host) and not insecure:
        raise ServeError(
            f"--host {host} lets other machines in: give --api-key-env NAME to require a key, "
            "or --insecure to serve without one"
        )
    pairs = dict(pair.partition("=")[::2] for pair in arguments.base_url)
    app = _app(registry, config, pairs, api_key, insecure=insecure, metrics=arguments.metrics)
    port = arguments.port if arguments.port is not None else config.port
    keepalive = config.keepalive_timeout or GATEWAY_KEEPALIVE_TIMEOUT
    access = arguments.access_log or config.access_log or ACCESS_LOG_FORMATS[0]
    port = GATEWAY_PORT if port is None else port
    return _Options(registry, host, port, app, keepalive, access)


def _gateway_key(api_key_env: str | None, config: GatewayConfig) -> str | None:
    """The gateway's key: of the variable the flag names, else the file's, else none."""
    variable = api_key_env or config.api_key_env
    return None if variable is None else _api_key(variable)


def _config(path: Path, registry: Registry) -> GatewayConfig:
    try:
        return load_config(path, registry)
    except ConfigFileError as error:
        raise ServeError(str(error)) from None


def _api_key(variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        raise ServeError(f"environment variable {variable} is not set (--api-key-env names it)")
    return value


def _app(
    registry: Registry,
    config: GatewayConfig,
    flags: Mapping[str, BaseURL],
    api_key: str | None,
    *,
    insecure: bool,
    metrics: bool,
) -> web.Application:
    """The gateway of ``config``, the base URLs of ``flags`` winning over its and ``metrics``
    added to its; raises ServeError for a base URL that is no http(s) URL, or of no provider,
    and for metrics without prometheus-client."""
    base_urls = {**config.base_urls, **flags}
    for name, url in base_urls.items():
        if isinstance(url, str) and not is_http_url(url):
            raise ServeError(f"--base-url {name}={url}: give PROVIDER=URL, an http(s) URL")
    try:
        return build_app(
            registry,
            base_urls=base_urls,
            api_key=api_key,
            insecure=insecure,
            routes=config.routes,
            balanced=config.balanced,
            metrics=metrics or bool(config.metrics),
        )
    except ImportError:  # prometheus-client, which metrics need and the package does not
        raise ServeError(
            "metrics need prometheus-client, which is not installed: pip install prometheus-client"
        ) from None
    except UnknownProviderError as error:
        pair = f"{error.name}={base_urls[error.name]}"
        hint = did_you_mean(error.matches)
        raise ServeError(f"--base-url {pair}: no provider {error.name!r}{hint}") from None


async def _serve(options: _Options, argv: Sequence[str], prog: str) -> None:
    runner = GatewayRunner(options.app, keepalive_timeout=options.keepalive_timeout)
    await runner.setup()
    serving = _Serving(options, argv, prog)
    try:
        await web.TCPSite(runner, options.host, options.port).start()
        loop = asyncio.get_running_loop()
        stop, hangup = asyncio.Event(), asyncio.Event()
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signal.SIGTERM, stop.set)
            loop.add_signal_handler(signal.SIGHUP, hangup.set)
        host, port = runner.addresses[0][:2]
        shown = f"[{host}]" if ":" in host else host
        _say(
            f"serving {len(options.registry.infos)} providers of {options.registry.package} at "
            f"http://{shown}:{port}/v1 (OpenAI-compatible); Ctrl-C stops"
        )
        reloading = loop.create_task(serving.reload_on(hangup, runner))
        try:
            await stop.wait()
        finally:
            reloading.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reloading
    finally:
        await runner.cleanup()
        serving.close()


class _Serving:
    """What ``serve ARGV`` serves now, and its access log; on SIGHUP, its package imported
    anew and served as the same arguments say, by the new package's own gateway."""

    def __init__(self, options: _Options, argv: Sequence[str], prog: str) -> None:
        self._options = options
        self._argv = argv
        self._prog = prog
        self._logged = options.log_access()

    async def reload_on(self, hangup: asyncio.Event, runner: GatewayRunner) -> None:
        """Reloads each time ``hangup`` is set (hang-ups during a reload make one more), until
        cancelled."""
        while True:
            await hangup.wait()
            hangup.clear()
            await self._reload(runner)

    def close(self) -> None:
        """Stops the access log."""
        if self._logged is not None:
            ACCESS_LOGGER.removeHandler(self._logged)

    async def _reload(self, runner: GatewayRunner) -> None:
        """Serves the package imported anew, or goes on serving it as it was when any part of
        it cannot be imported or served as the arguments say (and says why on stderr)."""
        package = self._options.registry.package
        try:
            with _importing_anew(package):
                gateway = importlib.import_module(f"{package}._runtime._gateway")
                registry = gateway._package_registry(package)
                registry.providers()  # every module imported now: a broken one fails here
                options: _Options = gateway._serve_options(registry, self._argv, self._prog)
                await runner.replace_app(options.app)
        except (Exception, SystemExit) as error:  # a rebuilt package or config file's fault
            reason = "its arguments" if isinstance(error, SystemExit) else _reason(error)
            _say(f"reload failed, still serving the package as it was: {reason}")
            return
        moved = (options.host, options.port) != (self._options.host, self._options.port)
        self.close()
        self._options, self._logged = options, options.log_access()
        kept = "; its address changes on a restart only" if moved else ""
        _say(f"reloaded: serving {len(options.registry.infos)} providers of {package}{kept}")


def _reason(error: BaseException) -> str:
    return str(error) if isinstance(error, ServeError) else f"{type(error).__name__}: {error}"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _package_registry(package: str) -> Registry:
    """The registry of package ``package`` (imported); raises ServeError when it is not a
    package of this runtime's."""
    registry = getattr(importlib.import_module(package), "_REGISTRY", None)
    if not isinstance(registry, Registry):  # each package has its runtime, and its gateway
        raise ServeError(f"{package} is not this gateway's package: use its own _runtime")
    return registry


@contextlib.contextmanager
def _importing_anew(package: str) -> Iterator[None]:
    """Takes ``package`` and its modules out of ``sys.modules`` so that they are imported
    anew; puts them back if the block fails, so that what was imported before still is."""
    kept = _forget(package)
    try:
        yield
    except BaseException:
        _forget(package)
        sys.modules.update(kept)
        raise


def _forget(package: str) -> dict[str, ModuleType]:
    """Takes ``package`` and its modules out of ``sys.modules``, so that the next import of
    any reads it from disk; what it took out."""
    inside = f"{package}."
    forgotten = {
        name: module
        for name, module in sys.modules.items()
        if name == package or name.startswith(inside)
    }
    for name in forgotten:
        del sys.modules[name]
    importlib.invalidate_caches()  # the build may have written new modules this second
    return forgotten


def _access_handler(access_log: str) -> logging.Handler | None:
    """Sends the access log's lines to stderr in the format asked for (none for ``off``)."""
    if access_log == "off":
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONAccessFormatter() if access_log == "json" else None)
    ACCESS_LOGGER.addHandler(handler)
    ACCESS_LOGGER.setLevel(logging.INFO)
    ACCESS_LOGGER.propagate = False  # serve's lines are its own, whatever the root logger does
    return handler
