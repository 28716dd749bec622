"""Streaming throughput, memory and import time of the generated providers, against the loop
gpt4free's providers had by hand, the openai SDK and a raw read: ``python -m bench``.

Starts a local server in a process of its own, then measures every client reading every stream
``--runs`` times, each time in a fresh process, round-robin; prints a table per format and mode,
then the memory check and the import check. bench/README.md says how to read them. Exits 1 if a
client fails or reads other than what was sent, or if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench._bodies import FORMATS
from bench._clients import CLIENTS
from bench._imports import check_imports, describe_imports
from bench._memory import MEMORY_STREAMS, describe_memory, measure_memory, memory_ok
from bench._report import summarize, table
from bench._runner import BenchError, Job, Measurement, rounds, server
from bench._server import MODES
from bench._targets import describe_targets

_NAMES = tuple(client.name for client in CLIENTS)


def _client_names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in _NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown client {', '.join(unknown) or '(none)'}: choose from {', '.join(_NAMES)}"
        )
    return names


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Streaming throughput, memory and import time of the generated providers.",
    )
    parser.add_argument("--events", type=int, default=200_000, help="deltas per stream (200000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each client (5)")
    parser.add_argument("--mode", choices=(*MODES, "all"), default="all")
    parser.add_argument("--format", choices=(*FORMATS, "all"), default="all")
    parser.add_argument(
        "--clients", type=_client_names, default=_NAMES, help=f"of {','.join(_NAMES)} (all)"
    )
    memory = parser.add_mutually_exclusive_group()
    memory.add_argument("--memory", action="store_true", help="run only the memory check")
    memory.add_argument("--skip-memory", action="store_true", help="leave the memory check out")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every result there")
    arguments = parser.parse_args()
    if arguments.events < 1 or arguments.runs < 1:
        parser.error("--events and --runs must be at least 1")
    if not (arguments.memory or _groups(arguments)):
        parser.error("none of the chosen clients reads the chosen format")
    return arguments


def _groups(arguments: argparse.Namespace) -> list[list[Job]]:
    """The jobs to run, a list per mode and format: each list is measured round-robin."""
    groups = []
    for mode in MODES:
        for fmt in FORMATS:
            if arguments.mode not in (mode, "all") or arguments.format not in (fmt, "all"):
                continue
            jobs = [
                Job(client.name, fmt, mode, arguments.events)
                for client in CLIENTS
                if client.name in arguments.clients and fmt in client.formats
            ]
            if jobs:
                groups.append(jobs)
    return groups


def _progress(measurement: Measurement) -> None:
    sample = measurement.sample
    print(
        f"  run {measurement.run}: {measurement.job}: {sample.cpu:.2f} s CPU, {sample.wall:.2f} s",
        file=sys.stderr,
        flush=True,
    )


def _flat(measurement: Measurement) -> dict[str, object]:
    return {**asdict(measurement.job), "run": measurement.run, **asdict(measurement.sample)}


def _throughput(
    address: str, groups: list[list[Job]], runs: int, report: dict[str, object]
) -> None:
    measurements = [m for jobs in groups for m in rounds(address, jobs, runs, _progress)]
    rows = summarize(measurements)
    events = groups[0][0].events
    title = f"Throughput: {events:,} events a stream, runs per client: {runs}, a fresh process each"
    print(f"\n{title}\n{table(rows)}", flush=True)
    targets = describe_targets(rows)
    if targets:
        print(f"\n{targets}", flush=True)
    report["measurements"] = [_flat(measurement) for measurement in measurements]
    report["summary"] = [asdict(row) for row in rows]


def _memory(address: str, report: dict[str, object]) -> bool:
    measurements = measure_memory(address, _progress)
    print(f"\n{describe_memory(measurements)}", flush=True)
    report["memory"] = [_flat(measurement) for measurement in measurements]
    return memory_ok(measurements)


def _imports(runs: int, report: dict[str, object]) -> bool:
    check = check_imports(runs)
    print(f"\n{describe_imports(check)}", flush=True)
    report["imports"] = asdict(check)
    return not check.forbidden


def _run(arguments: argparse.Namespace, report: dict[str, object]) -> bool:
    """Every section asked for, printed as it ends; whether every target was met."""
    groups = [] if arguments.memory else _groups(arguments)
    prepared = [(jobs[0].format, arguments.events) for jobs in groups]
    if not arguments.skip_memory:
        prepared += MEMORY_STREAMS
    ok = True
    with server(prepared) as address:
        if groups:
            _throughput(address, groups, arguments.runs, report)
        if not arguments.skip_memory:
            ok = _memory(address, report)
    if not arguments.memory:
        ok = _imports(arguments.runs, report) and ok
    return ok


def _settings(arguments: argparse.Namespace) -> dict[str, object]:
    return {
        **{
            key: str(value) if isinstance(value, Path) else value
            for key, value in vars(arguments).items()
        },
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def main() -> int:
    arguments = _arguments()
    report: dict[str, object] = {"settings": _settings(arguments)}
    print(
        f"python -m bench: Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs",
        flush=True,
    )
    started = time.perf_counter()
    try:
        ok = _run(arguments, report)
    except BenchError as error:
        print(f"\nbench failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench interrupted", file=sys.stderr)
        return 130
    elapsed = time.perf_counter() - started
    report["seconds"] = elapsed
    print(f"\nThe bench took {elapsed:.0f} s.")
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
