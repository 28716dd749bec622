"""The package's providers by name: what each one is, and its class, imported when asked for.

The generated ``__init__`` holds one :class:`ProviderInfo` per spec, written out as literals
when the package was built, so listing the providers, their models and their parameters
imports none of their modules; :meth:`Registry.get_provider` imports one when its class is
needed.
"""

from __future__ import annotations

import importlib
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._exceptions import PackageReloadedError, UnknownProviderError
from ._messages import Message
from ._provider import CALL_OPTIONS, AsyncGeneratorProvider
from ._stream import TextStream

__all__ = ["CALL_ARGUMENTS", "ParameterInfo", "ProviderInfo", "Registry"]

CALL_ARGUMENTS = ("model", "messages", *CALL_OPTIONS)
"""The arguments of every ``create_async_generator``: how it is called, never a parameter."""

ParameterType = Literal["str", "int", "float", "bool"]
ParameterValue = str | int | float | bool

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


@dataclass(frozen=True)
class ParameterInfo:
    """A parameter the spec declares: a typed keyword argument of ``create_async_generator``."""

    name: str
    type: ParameterType
    required: bool = False
    default: ParameterValue | None = None
    description: str = ""

    def parse(self, text: str) -> ParameterValue:
        """``text`` (from a command line, say) as a value of this parameter's type.

        Raises ValueError saying what was expected.
        """
        if self.type == "str":
            return text
        if self.type == "bool":
            word = text.strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise ValueError(f"{self.name} takes true or false, not {text!r}")
        try:
            value: int | float = int(text) if self.type == "int" else float(text)
        except ValueError:
            article = "an" if self.type == "int" else "a"
            raise ValueError(f"{self.name} takes {article} {self.type}, not {text!r}") from None
        if not math.isfinite(value):
            raise ValueError(f"{self.name} takes a finite number, not {text!r}")
        return value


@dataclass(frozen=True)
class ProviderInfo:
    """One provider as its spec describes it; ``name`` is its class name."""

    name: str
    module: str
    description: str
    url: str
    """The provider's site."""
    endpoint: str
    """The method and URL it streams from, as the spec writes it."""
    framing: str
    """How the answer is framed: ``sse``, ``ndjson``, ``json_array`` or ``text``."""
    working: bool
    default_model: str | None
    models: tuple[str, ...]
    """The models the spec names: its list, with the default model first if the list lacks it;
    none for a server that serves any (a llama.cpp or TGI server of your own)."""
    secrets: tuple[str, ...]
    """The environment variables the request reads (its keys)."""
    parameters: tuple[ParameterInfo, ...]
    extra_kwargs: Literal["merge", "ignore", "reject"]
    """What ``create_async_generator`` does with keyword arguments it does not declare."""

    def parameter(self, name: str) -> ParameterInfo | None:
        """The declared parameter ``name``, or None."""
        return next((each for each in self.parameters if each.name == name), None)

    def arguments(self, pairs: Iterable[str]) -> dict[str, object]:
        """``NAME=VALUE`` texts (``--param``) as keyword arguments, typed as the spec declares.

        A name the spec does not declare is a body field where the provider merges those, its
        value JSON if it parses as JSON, else text. Raises ValueError saying what is wrong.
        """
        arguments: dict[str, object] = {}
        for pair in pairs:
            name, equals, text = pair.partition("=")
            if not equals or not name:
                raise ValueError(f"a parameter is NAME=VALUE, not {pair!r}")
            arguments[name] = self._argument(name, text)
        missing = [each.name for each in self.parameters if each.required]
        missing = [name for name in missing if name not in arguments]
        if missing:
            raise ValueError(f"{self.name} needs a value for {', '.join(missing)}")
        return arguments

    def _argument(self, name: str, text: str) -> object:
        parameter = self.parameter(name)
        if parameter is not None:
            return parameter.parse(text)
        if name in CALL_ARGUMENTS:
            raise ValueError(f"{name} is an argument of every call, not a parameter")
        if self.extra_kwargs != "merge":
            declared = ", ".join(each.name for each in self.parameters) or "none"
            raise ValueError(f"{self.name} has no parameter {name!r} (its parameters: {declared})")
        try:
            return json.loads(text)
        except ValueError:
            return text

    def serves(self, model: str) -> bool:
        """Whether ``model`` is one of the provider's models."""
        return model in self.models


class Registry:
    """The providers of package ``package``, looked up by class or module name.

    A package's ``__init__`` exports :meth:`providers`, :meth:`get_provider`,
    :meth:`find_providers` and :meth:`provider_infos` as its own functions.
    """

    def __init__(self, package: str, infos: tuple[ProviderInfo, ...]) -> None:
        self.package = package
        self.infos = infos
        self._by_name = {info.name: info for info in infos}
        self._by_name.update({info.module: info for info in infos})
        self._classes: dict[str, type[AsyncGeneratorProvider]] = {}
        """Each provider class imported so far, by class name: a dict lookup a call instead of
        the import system's."""

    def info(self, name: str) -> ProviderInfo:
        """The provider called ``name`` (class or module name, in any case).

        Raises :class:`UnknownProviderError`, naming the close matches, if there is none.
        """
        found = self._by_name.get(name)
        if found is None:
            folded = [info for key, info in self._by_name.items() if key.lower() == name.lower()]
            found = folded[0] if folded else None
        if found is None:
            import difflib  # only for a name that is not there

            names = sorted(self._by_name)
            lowered = {key.lower(): key for key in names}
            close = difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.6)
            matches = list(dict.fromkeys(self._by_name[lowered[key]].name for key in close))
            raise UnknownProviderError(name, self.package, matches)
        return found

    def get_provider(self, name: str) -> type[AsyncGeneratorProvider]:
        """The class of provider ``name`` (its class or module name, in any case), its module
        imported now if it was not yet.

        Raises ``UnknownProviderError``, naming the close matches, when there is none, and
        ``PackageReloadedError`` for a provider not imported yet when the package has been
        imported anew since this registry was made: its module would be the new package's, of
        another runtime.
        """
        info = self.info(name)
        provider = self._classes.get(info.name)
        if provider is None:
            if getattr(sys.modules.get(self.package), "_REGISTRY", None) is not self:
                raise PackageReloadedError(info.name, self.package)
            module = importlib.import_module(f"{self.package}.{info.module}")
            provider = self._classes[info.name] = getattr(module, info.name)
        return provider

    def stream(
        self, name: str, model: str, messages: Sequence[Message], **options: Any
    ) -> TextStream:
        """``create_async_generator(model, messages, **options)`` of provider ``name``.

        Each provider declares its own keyword arguments, so ``options`` are checked by the
        call: a name it does not take is a TypeError, where its spec rejects other names.
        """
        provider: Any = self.get_provider(name)  # each declares its own signature
        stream: TextStream = provider.create_async_generator(model, messages, **options)
        return stream

    def providers(self) -> dict[str, type[AsyncGeneratorProvider]]:
        """Every provider's class by its class name, in name order; imports every module."""
        return {info.name: self.get_provider(info.name) for info in sorted(self.infos, key=_name)}

    def find_providers(self, *, model: str) -> list[type[AsyncGeneratorProvider]]:
        """The providers whose spec lists ``model``, those marked working first."""
        serving = sorted(
            (info for info in self.infos if info.serves(model)),
            key=lambda info: (not info.working, info.name),
        )
        return [self.get_provider(info.name) for info in serving]

    def provider_infos(self) -> tuple[ProviderInfo, ...]:
        """What each provider's spec declares, in module order, without importing any provider."""
        return self.infos


def _name(info: ProviderInfo) -> str:
    return info.name
