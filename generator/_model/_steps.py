"""Steps: the requests a call makes before the one it streams, and what it takes from their
answers (values that later steps and the streamed request use as ``${name}``)."""

from __future__ import annotations

from dataclasses import dataclass

from ._jsonpaths import CompiledPath
from ._request_template import Request

__all__ = ["FromCookie", "FromHeader", "FromJson", "FromMatch", "Source", "StepSpec", "Take"]


@dataclass(frozen=True)
class FromJson:
    """The value at a JSONPath of the answer's JSON (a singular query)."""

    path: CompiledPath


@dataclass(frozen=True)
class FromMatch:
    """A group of a regular expression's first match in the answer's text; with ``json``,
    the JSON document the group holds (HTML entities decoded), and the value at that path."""

    pattern: str
    group: int
    unescape: bool
    """Decode HTML entities (``&quot;``) in the group, as a page's attributes hold them."""
    json: CompiledPath | None


@dataclass(frozen=True)
class FromHeader:
    """A header of the answer."""

    header: str


@dataclass(frozen=True)
class FromCookie:
    """A cookie the answer set (or the session holds) for the step's URL."""

    cookie: str


Source = FromJson | FromMatch | FromHeader | FromCookie


@dataclass(frozen=True)
class Take:
    """A value taken from a step's answer."""

    name: str
    source: Source


@dataclass(frozen=True)
class StepSpec:
    """One step: its request, the values it takes, and how long they are kept."""

    name: str
    request: Request
    """The step's request: method, URL, headers and body (no parameters of its own)."""
    takes: tuple[Take, ...]
    cached: bool
    """Whether its values are kept beyond one call: for the process, or ``cache_seconds``."""
    cache_seconds: float | None
    moves_with_base_url: bool
    """Whether a call's ``base_url`` moves it: its URL shares the streamed request's origin."""
    redirect_answers: bool = False
    """Whether a redirect is its answer (headers and cookies taken, never followed); else an
    error."""
