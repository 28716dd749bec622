"""The throughput table: each job's runs summed up, and compared with the baseline's."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from bench._runner import Job, Measurement

__all__ = ["Row", "summarize", "table"]

_MIB = 1024 * 1024


@dataclass(frozen=True)
class Row:
    """One job over its runs: medians, the spread of CPU time, and ratios to the baseline."""

    job: Job
    runs: int
    wall: float
    """Median wall seconds."""
    cpu: float
    """Median CPU seconds."""
    cpu_spread: float
    """(slowest - fastest) / median CPU time: how far to trust the median."""
    deltas_per_second: float
    """The stream's events over the median wall time."""
    rss_mib: float
    """The highest peak RSS of the runs."""
    cpu_ratio: float | None
    """Median CPU time over the baseline's, same format and mode; None without a baseline."""
    wall_ratio: float | None


def summarize(measurements: Sequence[Measurement]) -> list[Row]:
    """A row per job, in the order the jobs were first run."""
    runs: dict[Job, list[Measurement]] = {}
    for measurement in measurements:
        runs.setdefault(measurement.job, []).append(measurement)
    baselines = {
        (job.format, job.mode): _medians(each)
        for job, each in runs.items()
        if job.client == "baseline"
    }
    return [_row(job, each, baselines.get((job.format, job.mode))) for job, each in runs.items()]


def _medians(runs: Sequence[Measurement]) -> tuple[float, float]:
    """Median wall and CPU seconds."""
    wall = statistics.median(run.sample.wall for run in runs)
    return wall, statistics.median(run.sample.cpu for run in runs)


def _row(job: Job, runs: Sequence[Measurement], baseline: tuple[float, float] | None) -> Row:
    wall, cpu = _medians(runs)
    cpus = [run.sample.cpu for run in runs]
    return Row(
        job=job,
        runs=len(runs),
        wall=wall,
        cpu=cpu,
        cpu_spread=(max(cpus) - min(cpus)) / cpu,
        deltas_per_second=job.events / wall,
        rss_mib=max(run.sample.rss_kib for run in runs) * 1024 / _MIB,
        cpu_ratio=None if baseline is None else cpu / baseline[1],
        wall_ratio=None if baseline is None else wall / baseline[0],
    )


_HEADER = (
    f"{'format':<12}{'mode':<10}{'client':<23}{'wall s':>8}{'cpu s':>8}{'spread':>8}"
    f"{'deltas/s':>11}{'RSS MiB':>9}{'cpu/base':>10}{'wall/base':>11}"
)


def table(rows: Sequence[Row]) -> str:
    """The rows as a text table, a blank line between two formats or modes."""
    lines = [_HEADER]
    for index, row in enumerate(rows):
        previous = rows[index - 1].job if index else None
        if previous is not None and (previous.format, previous.mode) != (
            row.job.format,
            row.job.mode,
        ):
            lines.append("")
        lines.append(_line(row))
    return "\n".join(lines)


def _ratio(value: float | None, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.2f}"


def _line(row: Row) -> str:
    job = row.job
    return (
        f"{job.format:<12}{job.mode:<10}{job.client:<23}{row.wall:>8.3f}{row.cpu:>8.3f}"
        f"{row.cpu_spread:>8.0%}{row.deltas_per_second:>11,.0f}{row.rss_mib:>9.1f}"
        f"{_ratio(row.cpu_ratio, 10)}{_ratio(row.wall_ratio, 11)}"
    )
