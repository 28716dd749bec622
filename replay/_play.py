"""``python -m replay play``: stream a recording through a generated provider, over a socket.

The recording is served on 127.0.0.1 at its recorded pace, and the provider is called as the
recording's ``expect.call`` says, with ``base_url`` pointing at the server: exactly what a
caller of the provider sees, text printed as it arrives. The replay server takes any key, so
each environment variable the provider reads that is not set is set to a placeholder for the
play.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ._recordings import Recording, RecordingError, load_recording
from ._server import ReplayServer

__all__ = ["PLACEHOLDER", "PlayError", "load_provider", "play"]

_CALL_OPTIONS = frozenset({"session", "proxy", "timeout", "base_url", "max_retries"})
"""How a provider is called, not what it sends: play decides these, a recording does not."""
PLACEHOLDER = "replay-placeholder"
"""The value play gives a variable the provider reads that is not set: a recording holds
``<NAME>`` where the value was, which the replay server matches with any value."""


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


def _call(recording: Recording, provider: Any) -> tuple[str, list[object], dict[str, object]]:
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
    _check_kwargs(recording, provider, kwargs)
    try:
        inspect.signature(provider.create_async_generator).bind(model, messages, **kwargs)
    except TypeError as error:  # a required parameter missing
        message = f"does not fit {provider.__name__}.create_async_generator(): {error}"
        raise RecordingError(recording.path, ("expect", "call"), message) from None
    return model, messages, kwargs


def _check_kwargs(recording: Recording, provider: Any, kwargs: dict[str, object]) -> None:
    """Refuse what a recording may not set: all but the provider's own parameters.

    The allowed are the parameters its spec declares and, where the provider takes other
    keyword arguments (into its body, or to ignore), other names: what the request carries,
    never how it is made.
    """
    parameters = inspect.signature(provider.create_async_generator).parameters.values()
    declared = sorted({p.name for p in parameters if p.kind is p.KEYWORD_ONLY} - _CALL_OPTIONS)
    takes_others = any(p.kind is p.VAR_KEYWORD for p in parameters)
    refused = sorted(
        name
        for name in kwargs
        if name not in declared and (name in _CALL_OPTIONS or not takes_others)
    )
    if refused:
        allowed = ", ".join(declared) or "none"
        others = " and body fields" if takes_others else ""
        raise RecordingError(
            recording.path,
            ("expect", "call", "kwargs"),
            f"a recording cannot set {', '.join(refused)}: only {provider.__name__}'s own "
            f"parameters ({allowed}){others}; play decides how to call",
        )


def play(reference: str, path: Path, *, pace: bool = True) -> int:
    """Serve ``path``, stream it through the provider, print the text; the exit status."""
    try:
        recording = load_recording(path)
        provider = load_provider(reference)
        arguments = _call(recording, provider)
    except (PlayError, RecordingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        with _placeholders(_variables_read(provider)) as placed:
            for variable in placed:
                print(
                    f"[{variable} is not set: play sends a placeholder, which the replay takes]",
                    file=sys.stderr,
                )
            asyncio.run(_stream(provider, recording, arguments, pace))
    except Exception as error:
        if not _is_provider_error(error):
            raise
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    return 0


def _variables_read(provider: Any) -> tuple[str, ...]:
    """The environment variables the provider's endpoint reads (a generated module's
    ``_ENDPOINT``); none for a provider written otherwise."""
    endpoint = getattr(sys.modules.get(provider.__module__), "_ENDPOINT", None)
    variables: tuple[str, ...] = getattr(endpoint, "secrets", ())
    return variables


@contextlib.contextmanager
def _placeholders(variables: Sequence[str]) -> Iterator[list[str]]:
    """Each of ``variables`` that is not set, set to :data:`PLACEHOLDER` until the play
    ends; the variables set."""
    missing = [variable for variable in variables if variable not in os.environ]
    os.environ.update(dict.fromkeys(missing, PLACEHOLDER))
    try:
        yield missing
    finally:
        for variable in missing:
            os.environ.pop(variable, None)


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
        # Every origin the recording calls goes to the server: a flow's steps too.
        stream = provider.create_async_generator(
            model, messages, base_url=server.base_urls(route), **kwargs
        )
        async for text in stream:
            print(text, end="", flush=True)
    print()
