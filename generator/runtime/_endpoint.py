"""One HTTP streaming endpoint: the request it sends, its limits and its retry policy.

A generated module builds the headers and the body (plain Python compiled from the spec) and
hands them to :meth:`Endpoint.stream`, which checks and encodes them into the :class:`Request`
that goes out, and makes the call (``_call``): everything about the network happens there, once
for all providers. A caller's mistake is a :class:`ConfigurationError` before anything is sent;
whatever the server does, what leaves here is a :class:`ProviderError` that carries no secret.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal
from urllib.parse import urlencode

import aiohttp
from yarl import URL

from ._auth import Auth, Request
from ._call import Call, CallOptions
from ._config import Retries, Timeouts
from ._constants import DEFAULT_MAX_RESPONSE_BYTES
from ._exceptions import ConfigurationError, MissingSecretError
from ._framings import Framing
from ._secrets import url_credentials
from ._stream import TextStream
from ._url import is_http_url, rebase_url

__all__ = ["Endpoint"]

_FORBIDDEN_IN_HEADERS = ("\r", "\n", "\0")
_CONTENT_TYPES = {"json": "application/json", "form": "application/x-www-form-urlencoded"}


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

    def secret(self, variable: str) -> str:
        """The value of environment variable ``variable``, read at call time."""
        value = os.environ.get(variable)
        if value is None:
            raise MissingSecretError(
                variable, provider=self.provider, endpoint=f"{self.method} {self.url}"
            )
        return value

    def stream(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Send the request when iteration starts, and stream the answer's text deltas.

        ``body`` is None for no body; ``url`` is this call's URL when the spec's has
        placeholders. ``timeout`` is the total in seconds, or a :class:`Timeouts`; ``base_url``
        replaces the scheme, host and port of the endpoint's URL and prefixes its path. What
        cannot be sent is a :class:`ConfigurationError` here, before anything is.
        """
        for name, value in (("base_url", base_url), ("proxy", proxy)):
            if value is not None and not is_http_url(value):
                raise self._refuse(f"{name} must be an http:// or https:// URL with a host")
        request = self.request(headers, body, url=url, base_url=base_url)
        options = CallOptions(
            session=session,
            proxy=proxy,
            timeouts=self._timeouts(timeout),
            max_retries=self._max_retries(max_retries),
        )
        secrets = [(os.environ.get(variable, ""), variable) for variable in self.secrets]
        secrets += url_credentials(base_url, "base_url credentials")
        secrets += url_credentials(proxy, "proxy credentials")
        call = Call(options, secrets)
        return TextStream(call.run(call.stream(self, request)), close=call.close)

    def request(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        base_url: str | None = None,
    ) -> Request:
        """The request for these headers and body, checked and encoded as it will be sent.

        ``url`` is one built from placeholders, already percent-encoded; without it, the
        endpoint's own. ``base_url`` moves it (checked by the caller).
        """
        target = self.url if url is None else url
        if base_url is not None:
            target = rebase_url(target, base_url)
        if url is None:  # written by the spec: encoded here, as it will be sent
            target = str(URL(target))
        self.check_headers(headers)
        sent = dict(headers)
        data = b""
        if body is not None:
            data = self._encode(body)
            if not any(name.lower() == "content-type" for name in sent):
                sent["Content-Type"] = _CONTENT_TYPES[self.body_format]
        return Request(self.method, target, sent, data)

    def check_headers(self, headers: Mapping[str, str]) -> None:
        """Refuse a header value that would break the request (a line break, a NUL)."""
        for name, value in headers.items():
            if any(character in value for character in _FORBIDDEN_IN_HEADERS):
                # The value is not quoted: it may be a secret.
                raise self._refuse(f"the value of header {name!r} has a line break or NUL in it")

    def _encode(self, body: Any) -> bytes:
        """The body's exact bytes: JSON, or URL-encoded form fields."""
        if self.body_format == "form":
            return urlencode(self._form_fields(body)).encode("utf-8")
        try:
            return json.dumps(body, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as error:
            raise self._refuse(f"the body cannot be sent as JSON: {error}") from None
        except RecursionError:
            raise self._refuse("the body cannot be sent as JSON: it is nested too deeply") from None

    def _form_fields(self, body: Mapping[str, object]) -> dict[str, str]:
        """A form body's fields as text, booleans as JSON writes them."""
        fields: dict[str, str] = {}
        for key, value in body.items():
            if not isinstance(value, str | int | float | bool):
                raise self._refuse(
                    f"form field {key!r} is a {type(value).__name__}: a form holds text, "
                    "numbers and booleans"
                )
            if isinstance(value, float) and not math.isfinite(value):
                raise self._refuse(f"form field {key!r} is {value}: not a number to send")
            fields[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return fields

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
            raise self._refuse(
                f"{name} must be a number of seconds or None, not {type(value).__name__}"
            )
        if not (math.isfinite(value) and value > 0):
            raise self._refuse(f"{name} must be a positive, finite number of seconds, not {value}")

    def _max_retries(self, max_retries: int | None) -> int:
        if max_retries is None:
            return self.retries.max_retries
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise self._refuse(f"max_retries must be a whole number >= 0, not {max_retries!r}")
        return max_retries

    def _refuse(self, message: str) -> ConfigurationError:
        return ConfigurationError(
            message, provider=self.provider, endpoint=f"{self.method} {self.url}"
        )
