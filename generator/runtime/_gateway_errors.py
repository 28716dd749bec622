"""The gateway's errors, in OpenAI's shape, and what each provider error becomes.

Upstream 401, 403, 404 and 429 keep their status (a client reacts to them as it would to
OpenAI's); every other upstream failure is the gateway's upstream failing, 502, and a timeout
is 504. No 5xx of an upstream's invites a retry (``x-should-retry: false``, which the openai
and anthropic SDKs obey): the provider's call retried what its policy retries, and a client's
retry would send the prompt upstream again, as many times as the client retries (an error
reported inside a 200 stream most of all: the upstream read the prompt, and will most likely
report the same). Provider errors carry no secret already: their messages are passed on as
they are.
"""

from __future__ import annotations

import math

from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    IncompleteStreamError,
    MissingSecretError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    ProviderConnectionError,
    ProviderError,
    ProviderTimeoutError,
    RateLimitError,
    ServerReportedError,
)
from ._openai_format import valid_text

__all__ = ["GatewayError", "upstream_error"]


class GatewayError(Exception):
    """A request the gateway answers with an error: its status and OpenAI's ``error`` object."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str,
        code: str | None = None,
        param: str | None = None,
        retry_after: float | None = None,
        retry: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.retry_after = retry_after
        self.retry = retry
        """Whether a client should send the request again: a 5xx says, either way."""

    def body(self) -> dict[str, object]:
        """``{"error": {"message", "type", "code", "param"}}``, as OpenAI sends it (a lone
        surrogate of an upstream's message as U+FFFD, as every text the gateway sends)."""
        fields = {"message": valid_text(self.message), "type": self.type, "code": self.code}
        return {"error": {**fields, "param": self.param}}

    def headers(self) -> dict[str, str]:
        """``Retry-After`` in whole seconds when the upstream gave a wait, and
        ``x-should-retry`` on a 5xx: ``false`` unless the request went nowhere."""
        headers = {"x-should-retry": str(self.retry).lower()} if self.status >= 500 else {}
        if self.retry_after is not None and math.isfinite(self.retry_after):
            headers["Retry-After"] = str(max(0, math.ceil(self.retry_after)))
        return headers


_KEPT_STATUSES: tuple[tuple[type[APIStatusError], str, str], ...] = (
    (AuthenticationError, "authentication_error", "upstream_unauthorized"),
    (PermissionDeniedError, "permission_error", "upstream_forbidden"),
    (NotFoundError, "not_found_error", "upstream_not_found"),
    (RateLimitError, "rate_limit_error", "upstream_rate_limited"),
)


def upstream_error(error: ProviderError) -> GatewayError:
    """What the gateway answers when its provider raised ``error``."""
    message = str(error)
    if isinstance(error, APIStatusError):
        for kind, error_type, code in _KEPT_STATUSES:
            if isinstance(error, kind):
                return GatewayError(
                    error.status, message, type=error_type, code=code, retry_after=error.retry_after
                )
        return GatewayError(502, message, type="upstream_error", code="upstream_status")
    if isinstance(error, ProviderTimeoutError):
        return GatewayError(504, message, type="timeout_error", code="upstream_timeout")
    if isinstance(error, MissingSecretError):
        return GatewayError(500, message, type="server_error", code="missing_secret")
    if isinstance(error, ConfigurationError):
        return GatewayError(400, message, type="invalid_request_error", code="invalid_value")
    return GatewayError(502, message, type="upstream_error", code=_upstream_code(error))


def _upstream_code(error: ProviderError) -> str:
    if isinstance(error, ServerReportedError):
        return "upstream_reported_error"
    if isinstance(error, IncompleteStreamError):
        return "upstream_incomplete"
    if isinstance(error, ProtocolError):
        return "upstream_protocol_error"
    if isinstance(error, ProviderConnectionError):
        return "upstream_unreachable"
    return "upstream_error"
