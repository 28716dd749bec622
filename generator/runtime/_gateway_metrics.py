"""``GET /metrics``: the gateway's requests, failures, fallbacks, streams, times and tokens in
Prometheus' text format, kept and written by prometheus-client (an optional dependency:
``pip install prometheus-client``; a gateway without metrics never imports it).

Labels take only values the gateway bounds: a provider's name (never the model a client
chose, which would make a series of each string sent), the API, the status, an error's code,
a route of the configuration. Each gateway (``build_app(metrics=True)``, ``serve --metrics``)
has a registry of its own: under gunicorn each worker counts its own requests, and a scrape
reaches one worker at a time (prometheus-client's multiprocess mode is not set up).
"""

from __future__ import annotations

from typing import Any

__all__ = ["METRICS_CONTENT_TYPE", "GatewayMetrics"]

METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
"""Prometheus' text exposition format."""

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
"""Histogram buckets: a first delta in milliseconds to an answer of minutes."""


class GatewayMetrics:
    """The gateway's metrics; raises ImportError when prometheus-client is not installed."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry()
        per_request = ["api", "provider", "status"]
        self.requests = Counter(
            "streamgen_gateway_requests",
            "Chat requests answered, by API, the provider that answered (its name) and status.",
            per_request,
            registry=self.registry,
        )
        self.errors = Counter(
            "streamgen_gateway_errors",
            "Chat requests that failed, by the error's code.",
            ["code"],
            registry=self.registry,
        )
        self.fallbacks = Counter(
            "streamgen_gateway_fallbacks",
            "Times a route moved on from a provider that failed before answering.",
            ["route", "provider"],
            registry=self.registry,
        )
        self.active_streams = Gauge(
            "streamgen_gateway_active_streams",
            "Answers being streamed now.",
            registry=self.registry,
        )
        self.first_delta = Histogram(
            "streamgen_gateway_first_delta_seconds",
            "Seconds from a request's arrival to its first delta, by provider.",
            ["provider"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.duration = Histogram(
            "streamgen_gateway_request_duration_seconds",
            "Seconds from a chat request's arrival to the end of its answer, by provider.",
            ["provider"],
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.tokens = Counter(
            "streamgen_gateway_tokens",
            "Tokens the providers reported, by provider and kind (input, output).",
            ["provider", "kind"],
            registry=self.registry,
        )

    def page(self) -> bytes:
        """Every metric, in Prometheus' text format."""
        from prometheus_client import generate_latest

        page: bytes = generate_latest(self.registry)
        return page

    def answered(self, api: str, provider: str, fields: dict[str, Any], error: str | None) -> None:
        """Counts a chat request as the access log has it (``fields``): of ``provider`` (the
        name of the one that answered, or was tried last; "" when the request named none),
        and its error's code."""
        self.requests.labels(api, provider, str(fields["status"])).inc()
        if error is not None:
            self.errors.labels(error).inc()
        if "first_delta_ms" in fields:  # an answer began: its times are the provider's
            self.first_delta.labels(provider).observe(float(fields["first_delta_ms"]) / 1000)
            self.duration.labels(provider).observe(float(fields["duration_ms"]) / 1000)
        for kind in ("input", "output"):
            count = fields.get(f"{kind}_tokens")
            if isinstance(count, int) and count > 0:
                self.tokens.labels(provider, kind).inc(count)
