"""The speed targets, checked against the medians of a run's batched streams.

Printed, not enforced: on a shared machine a median moves by tens of percent between runs, and
a bench that failed on noise would teach its reader to ignore it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench._bodies import Format
from bench._report import Row

__all__ = ["describe_targets"]

CEILINGS: dict[tuple[Format, str], float] = {
    ("openai", "codelink_ava"): 0.2,
    ("openai", "openai_chat"): 0.2,
    ("anthropic", "anthropic_messages"): 0.35,
    ("ndjson", "ollama_chat"): 0.35,
}
"""The most CPU a generated provider may cost, as a share of the baseline's."""

SDK_FLOOR = 20.0
"""The least the openai SDK's CPU time is, as a multiple of a generated provider's."""

SAME_WORK: dict[str, tuple[Format, str]] = {
    "gpt_go": ("openai", "codelink_ava"),
    "openai_chat_web": ("cumulative", "openai_chat_web_whole"),
}
"""Providers of version 3's flows, each with the one-step provider that reads the same stream
the same way but for the flow: GptGo makes a step before it, the cumulative reading of
OpenaiChatWeb is switched off in the other."""

PER_DELTA_MARGIN = 1.10
"""The most CPU per delta a flow's provider may cost, as a multiple of its one-step peer's."""


def describe_targets(rows: Sequence[Row]) -> str:
    """One line a target: the figure, the target and whether the run met it."""
    batched = {(row.job.format, row.job.client): row for row in rows if row.job.mode == "batched"}
    lines = ["Targets (batched streams, median CPU time):"]
    for (fmt, client), ceiling in CEILINGS.items():
        row = batched.get((fmt, client))
        if row is None or row.cpu_ratio is None:
            continue
        verdict = "met" if row.cpu_ratio <= ceiling else "MISSED"
        lines.append(
            f"  {client:<20} {row.cpu_ratio:5.2f} of the baseline's  (at most {ceiling:g}): {verdict}"
        )
    sdk = batched.get(("openai", "openai_sdk"))
    for client in ("codelink_ava", "openai_chat"):
        row = batched.get(("openai", client))
        if sdk is None or row is None:
            continue
        times = sdk.cpu / row.cpu
        verdict = "met" if times >= SDK_FLOOR else "MISSED"
        lines.append(
            f"  openai_sdk           {times:5.1f} times {client}'s  (at least {SDK_FLOOR:g}): {verdict}"
        )
    for client, (fmt, peer) in SAME_WORK.items():
        row, other = batched.get((fmt, client)), batched.get((fmt, peer))
        if row is None or other is None:
            continue
        times = row.cpu / other.cpu
        verdict = "met" if times <= PER_DELTA_MARGIN else "MISSED"
        lines.append(
            f"  {client:<20} {times:5.2f} times {peer}'s  (at most {PER_DELTA_MARGIN:g}): {verdict}"
        )
    return "\n".join(lines) if len(lines) > 1 else ""
