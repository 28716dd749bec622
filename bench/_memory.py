"""The memory check: the peak RSS of a generated provider reading 10,000 and 1,000,000 events.

A provider that holds nothing of what it has streamed peaks the same for both; the target is a
growth within 10 MB. The hand-written baseline is measured too, for reference: its growth is
what aiohttp and the allocator cost, whatever the provider does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bench._bodies import Format
from bench._runner import Job, Measurement, rounds
from bench._server import Mode

__all__ = ["MEMORY_STREAMS", "describe_memory", "measure_memory", "memory_ok"]

_FORMAT: Format = "openai"
_MODE: Mode = "batched"
_SMALL, _LARGE = 10_000, 1_000_000
_TARGET_MB = 10.0
_CLIENTS = ("openai_chat", "baseline")  # the one with the target first, then the reference

MEMORY_STREAMS: tuple[tuple[Format, int], ...] = ((_FORMAT, _SMALL), (_FORMAT, _LARGE))
"""The bodies the check streams, for the server to encode before it starts."""


def measure_memory(address: str, done: Callable[[Measurement], None]) -> list[Measurement]:
    """Each client once at each size (peak RSS varies little from run to run)."""
    jobs = [
        Job(client, _FORMAT, _MODE, events) for client in _CLIENTS for events in (_SMALL, _LARGE)
    ]
    return rounds(address, jobs, 1, done)


def _growth_mb(measurements: Sequence[Measurement], client: str) -> tuple[float, float, float]:
    """Peak RSS in MiB at each size, and the growth between them in MB."""
    peaks = {m.job.events: m.sample.rss_kib for m in measurements if m.job.client == client}
    growth = (peaks[_LARGE] - peaks[_SMALL]) * 1024 / 1e6
    return peaks[_SMALL] / 1024, peaks[_LARGE] / 1024, growth


def memory_ok(measurements: Sequence[Measurement]) -> bool:
    """Whether the generated provider's growth is within the target."""
    return _growth_mb(measurements, _CLIENTS[0])[2] <= _TARGET_MB


def describe_memory(measurements: Sequence[Measurement]) -> str:
    """The check as lines of text."""
    lines = [
        f"Memory: peak RSS of a fresh process reading {_MODE} OpenAI SSE",
        f"  {'client':<14}{_SMALL:>10,} ev{_LARGE:>13,} ev{'growth':>11}",
    ]
    for client in _CLIENTS:
        small, large, growth = _growth_mb(measurements, client)
        if client == _CLIENTS[0]:
            verdict = "ok" if growth <= _TARGET_MB else "ABOVE TARGET"
            note = f"target within {_TARGET_MB:g} MB: {verdict}"
        else:
            note = "reference"
        lines.append(
            f"  {client:<14}{small:>9.1f} MiB{large:>12.1f} MiB{growth:>+8.1f} MB   {note}"
        )
    return "\n".join(lines)
