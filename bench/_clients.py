"""The clients the bench compares: their names, the formats each reads, and how to load one
(what a client is: ``_contract``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bench._bodies import FORMATS, Format
from bench._contract import Client

__all__ = ["CLIENTS", "ClientInfo", "info", "load"]


@dataclass(frozen=True)
class ClientInfo:
    """A client by name, and the formats it reads."""

    name: str
    formats: tuple[Format, ...]
    loader: Callable[[], Mapping[str, Client]]
    """Imports the client's module: its clients by name."""
    generated: bool = False
    """Whether it is a generated provider, which stops a body past ``RESPONSE_LIMIT``."""
    reads_bytes: bool = False
    """Whether it counts reads and bytes, not deltas and characters."""
    reads_whole_texts: bool = False
    """Whether it yields each cumulative event's whole text, not what the event adds."""


# The modules holding the clients are imported only by the process that runs one, each of its
# own: a client's peak RSS must not include another's libraries (the openai SDK, above all).


def _handwritten() -> Mapping[str, Client]:
    from bench._handwritten import CLIENTS as handwritten

    return handwritten


def _generated() -> Mapping[str, Client]:
    from bench._generated import CLIENTS as generated

    return generated


def _sdk() -> Mapping[str, Client]:
    from bench._sdk import CLIENTS as sdk

    return sdk


CLIENTS: tuple[ClientInfo, ...] = (
    ClientInfo("baseline", FORMATS, _handwritten),
    ClientInfo("codelink_ava", ("openai",), _generated, generated=True),
    ClientInfo("openai_chat", ("openai",), _generated, generated=True),
    ClientInfo("anthropic_messages", ("anthropic",), _generated, generated=True),
    ClientInfo("ollama_chat", ("ndjson",), _generated, generated=True),
    ClientInfo("gpt_go", ("openai",), _generated, generated=True),
    ClientInfo("openai_chat_web", ("cumulative",), _generated, generated=True),
    ClientInfo(
        "openai_chat_web_whole",
        ("cumulative",),
        _generated,
        generated=True,
        reads_whole_texts=True,
    ),
    ClientInfo("openai_sdk", ("openai",), _sdk),
    ClientInfo("raw", FORMATS, _handwritten, reads_bytes=True),
)


def info(name: str) -> ClientInfo:
    """The client called ``name``; KeyError if there is none."""
    for each in CLIENTS:
        if each.name == name:
            return each
    raise KeyError(name)


def load(name: str) -> Client:
    """The client called ``name``, its module imported; KeyError if there is none."""
    return info(name).loader()[name]
