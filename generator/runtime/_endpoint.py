"""One HTTP streaming endpoint: the request it sends, its limits and its retry policy.

A generated module builds the headers and the body (plain Python compiled from the spec) and
hands them to :meth:`Endpoint.stream`, which checks and encodes them into the :class:`Request`
that goes out (``_requests``), and makes the call (``_call``): everything about the network
happens there, once for all providers. A module whose spec makes requests before the streamed
one makes its call with :meth:`Endpoint.call` and hands it its exchanges. A caller's mistake is
a :class:`ConfigurationError` before anything is sent; whatever the server does, what leaves
here is a :class:`ProviderError` that carries no secret.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, TypeVar

import aiohttp

from ._auth import Auth, Request
from ._call import Call, CallOptions
from ._config import Retries, Timeouts
from ._constants import DEFAULT_MAX_RESPONSE_BYTES
from ._exceptions import MissingSecretError
from ._framings import Framing
from ._requests import build_request, check_headers, refuse
from ._secrets import url_credentials
from ._steps import secret_texts
from ._stream import TextStream
from ._url import BaseURL, base_url_for, is_http_url, rebase_url

__all__ = ["Endpoint"]

_V = TypeVar("_V")
_PLACEHOLDER = re.compile(r"\$\{(?:env\.)?([^}]+)\}")
"""A placeholder of the spec's URL, as it stands in ``Endpoint.url``."""


@dataclass(frozen=True)
class Endpoint:
    """Where and how a provider streams from; built once per generated module."""

    provider: str
    method: str
    url: str
    """The URL as the spec writes it; one with placeholders is built anew for each call."""
    framing: Framing
    body_format: Literal["json", "form"] = "json"
    secrets: tuple[str, ...] = ()
    """The environment variables the spec reads: their values never appear in an error."""
    timeouts: Timeouts = field(default_factory=Timeouts)
    retries: Retries = field(default_factory=Retries)
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    auth: Auth | None = None
    """What signs or completes each request just before it is sent, on every attempt."""

    def secret(self, variable: str, base_url: BaseURL | None = None) -> str:
        """The value of environment variable ``variable``, read at call time; a variable not
        set is a ``MissingSecretError`` naming the URL the call would have requested (moved to
        ``base_url``, its placeholders as ``<name>``: they are not known yet)."""
        value = os.environ.get(variable)
        if value is None:
            shown = _PLACEHOLDER.sub(r"<\1>", self.url)
            moved = base_url_for(base_url, self.url, same_origin=True)
            where = shown if moved is None else rebase_url(shown, moved)
            raise MissingSecretError(
                variable, provider=self.provider, endpoint=f"{self.method} {where}"
            )
        return value

    def call(
        self,
        *,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: BaseURL | None = None,
        max_retries: int | None = None,
        secret_values: Mapping[str, object] | None = None,
    ) -> Call:
        """A call of this provider, made as these options say: checked here, a
        :class:`ConfigurationError` before anything is sent.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds, or a :class:`Timeouts`; ``base_url`` replaces the scheme, host and
        port of the call's requests to the endpoint's origin, and prefixes their paths;
        ``max_retries`` overrides the spec's; ``secret_values`` are the caller's arguments the
        spec declares secret, by name, kept out of what the call shows like its variables.
        """
        servers = [] if base_url is None else self._servers(base_url)
        for name, value in [*servers, ("proxy", proxy)]:
            if value is not None and not is_http_url(value):
                raise refuse(self, f"{name} must be an http:// or https:// URL with a host")
        options = CallOptions(
            session=session,
            proxy=proxy,
            timeouts=self._timeouts(timeout),
            retries=self.retries,
            max_retries=self._max_retries(max_retries),
            base_url=base_url,
        )
        secrets = [(os.environ.get(variable, ""), variable) for variable in self.secrets]
        for _, server in servers:
            secrets += url_credentials(str(server), "base_url credentials")
        secrets += url_credentials(proxy, "proxy credentials")
        for name, value in (secret_values or {}).items():
            secrets += [(text, name) for text in secret_texts(value)]
        return Call(options, secrets)

    def stream(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: BaseURL | None = None,
        max_retries: int | None = None,
        secret_values: Mapping[str, object] | None = None,
        auth: Auth | None = None,
    ) -> TextStream:
        """Send the request when iteration starts, and stream the answer's text deltas: a call
        of one exchange.

        ``body`` is None for no body; ``url`` is this call's URL when the spec's has
        placeholders; ``auth`` signs it in this call, in the endpoint's ``auth``'s place (its
        credentials read for the call). The options are :meth:`call`'s.
        """
        call = self.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values=secret_values,
        )
        moved_to = base_url_for(base_url, url or self.url, same_origin=True)
        request = self.request(headers, body, url=url, base_url=moved_to)
        target = self if auth is None else replace(self, auth=auth)
        return call.answer(lambda: call.stream(target, request))

    def _servers(self, base_url: object) -> list[tuple[str, object]]:
        """Each server ``base_url`` names, with what to call it in an error."""
        if isinstance(base_url, Mapping):
            return [(f"base_url[{origin!r}]", server) for origin, server in base_url.items()]
        return [("base_url", base_url)]

    def entry(self, table: str, entries: Mapping[str, _V], key: str, *, secret: bool = False) -> _V:
        """The entry at ``key`` of the spec's value ``table``; a key it lacks is a
        ``ConfigurationError`` that names the keys it has (and the key, unless it is a
        ``secret``)."""
        if key in entries:
            return entries[key]
        known = ", ".join(repr(each) for each in entries)
        given = "the key given" if secret else repr(key)
        raise refuse(self, f"{table} has no entry for {given}; it has: {known}")

    def request(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        base_url: str | None = None,
    ) -> Request:
        """The request for these headers and body, checked and encoded as it will be sent
        (``url``: one built from placeholders, already percent-encoded; ``base_url``: where
        it moves)."""
        return build_request(self, headers, body, url=url, base_url=base_url)

    def check_headers(self, headers: Mapping[str, str]) -> None:
        """Refuse a header value that would break the request (a line break, a NUL)."""
        check_headers(self, headers)

    def _timeouts(self, timeout: float | Timeouts | None) -> Timeouts:
        if isinstance(timeout, Timeouts):
            for name in (each.name for each in fields(Timeouts)):
                self._check_seconds(f"timeout.{name}", getattr(timeout, name))
            return timeout
        self._check_seconds("timeout", timeout)
        return self.timeouts if timeout is None else replace(self.timeouts, total=timeout)

    def _check_seconds(self, name: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            kind = type(value).__name__
            raise refuse(self, f"{name} must be a number of seconds or None, not {kind}")
        if not (math.isfinite(value) and value > 0):
            raise refuse(self, f"{name} must be a positive, finite number of seconds, not {value}")

    def _max_retries(self, max_retries: int | None) -> int:
        if max_retries is None:
            return self.retries.max_retries
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise refuse(self, f"max_retries must be a whole number >= 0, not {max_retries!r}")
        return max_retries
