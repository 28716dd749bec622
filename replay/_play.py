"""``python -m replay play``: stream a recording through a generated provider, over a socket.

The recording is served on 127.0.0.1 at its recorded pace, and the provider is called as the
recording's ``expect.call`` says, with ``base_url`` pointing at the server: exactly what a
caller of the provider sees, text printed as it arrives.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys
from pathlib import Path
from typing import Any

from ._recordings import Recording, RecordingError, load_recording
from ._server import ReplayServer

__all__ = ["PlayError", "load_provider", "play"]

_CALL_OPTIONS = frozenset({"session", "proxy", "timeout", "base_url", "max_retries"})
"""How a provider is called, not what it sends: play decides these, a recording does not."""


class PlayError(Exception):
    """The provider or the recording cannot be played; the message says why."""


def load_provider(reference: str) -> Any:
    """The provider class ``module:Class``, or the one provider class ``module`` defines."""
    module_name, _, class_name = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise PlayError(f"cannot import {module_name!r}: {error}") from None
    if class_name:
        provider = getattr(module, class_name, None)
        if not hasattr(provider, "create_async_generator"):
            raise PlayError(f"{module_name!r} has no provider {class_name!r}")
        return provider
    providers = [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and value.__module__ == module.__name__
        and hasattr(value, "create_async_generator")
    ]
    if len(providers) != 1:
        raise PlayError(
            f"{module_name!r} defines {len(providers)} providers; name one: MODULE:CLASS"
        )
    return providers[0]


def _call(recording: Recording) -> tuple[str, list[object], dict[str, object]]:
    """How the recorded request was made: ``expect.call``'s model, messages and kwargs."""
    call = recording.expect.get("call")
    if not isinstance(call, dict):
        raise RecordingError(
            recording.path, ("expect", "call"), "missing: how was the provider called?"
        )
    model, messages, kwargs = call.get("model"), call.get("messages"), call.get("kwargs", {})
    if not isinstance(model, str) or not isinstance(messages, list) or not isinstance(kwargs, dict):
        raise RecordingError(
            recording.path,
            ("expect", "call"),
            "needs a string model, a list of messages and an object of kwargs",
        )
    taken = sorted(set(kwargs) & _CALL_OPTIONS)
    if taken:
        # A recording names the spec's own parameters only: it cannot send a call elsewhere.
        raise RecordingError(
            recording.path,
            ("expect", "call", "kwargs"),
            f"a recording cannot set {', '.join(taken)}: play decides how to call",
        )
    return model, messages, kwargs


def play(reference: str, path: Path, *, pace: bool = True) -> int:
    """Serve ``path``, stream it through the provider, print the text; the exit status."""
    try:
        recording = load_recording(path)
        arguments = _call(recording)
        provider = load_provider(reference)
    except (PlayError, RecordingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        asyncio.run(_stream(provider, recording, arguments, pace))
    except TypeError as error:  # the recorded call does not fit the provider's signature
        print(f"error: {recording.path}: expect.call: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        if not _is_provider_error(error):
            raise
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    return 0


def _is_provider_error(error: Exception) -> bool:
    # Each generated package has its own copy of the runtime, so its errors are matched by name.
    return any(cls.__name__ == "ProviderError" for cls in type(error).__mro__)


async def _stream(
    provider: Any,
    recording: Recording,
    arguments: tuple[str, list[object], dict[str, object]],
    pace: bool,
) -> None:
    model, messages, kwargs = arguments
    async with ReplayServer(pace=pace) as server:
        route = server.add(recording)
        base_url = server.base_url(route)
        print(f"[{provider.__name__} <- {recording.path} on {base_url}]", file=sys.stderr)
        stream = provider.create_async_generator(model, messages, base_url=base_url, **kwargs)
        async for text in stream:
            print(text, end="", flush=True)
    print()
