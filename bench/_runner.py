"""Running measurements: the server's process, a fresh process per measurement, checked results."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bench._bodies import Format, body, text_length, whole_texts_length
from bench._clients import info
from bench._contract import RESPONSE_LIMIT
from bench._measure import Sample
from bench._server import Mode, stream_url

__all__ = ["ROOT", "BenchError", "Job", "Measurement", "measure", "rounds", "server"]

ROOT = Path(__file__).resolve().parent.parent
"""The project's root: every process starts there, so ``bench`` and ``generated`` import."""

_SERVER_START_SECONDS = 120.0  # it encodes every body first: ~150 MB for a million events
_SERVER_STOP_SECONDS = 5.0
_MEASURE_SECONDS = 3600.0  # far more than any run; a hung client still ends the bench

# Dummy keys for the providers whose spec reads one (a real key is never sent to the bench
# server), and no proxy: httpx, under the openai SDK, would honour one (lower case wins).
_CHILD_ENVIRONMENT = {
    **os.environ,
    "OPENAI_API_KEY": "bench-key",
    "ANTHROPIC_API_KEY": "bench-key",
    "NO_PROXY": "127.0.0.1",
    "no_proxy": "127.0.0.1",
}


class BenchError(Exception):
    """A process that failed, or a client that read other than what was sent: says which."""


@dataclass(frozen=True)
class Job:
    """One client reading one stream."""

    client: str
    format: Format
    mode: Mode
    events: int

    def __str__(self) -> str:
        return f"{self.client} ({self.format}, {self.mode}, {self.events:,} events)"


@dataclass(frozen=True)
class Measurement:
    """A job's run number ``run`` (from 1), and what it measured."""

    job: Job
    run: int
    sample: Sample


@contextmanager
def server(prepared: Iterable[tuple[Format, int]]) -> Iterator[str]:
    """The address of a bench server process with these bodies encoded; stopped on the way out,
    on an error or an interrupt too."""
    arguments = [f"{fmt}:{events}" for fmt, events in dict.fromkeys(prepared)]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench._server", *arguments],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            # Out of the terminal's process group: Ctrl-C stops the runner, which stops it.
            start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{_port(process, errors)}"
        except BenchError as error:
            if process.poll() is None:
                raise
            # The server died: that, not the client, is what failed.
            raise BenchError(
                f"{error}\nThe bench server had exited ({process.returncode}):\n{_text(errors)}"
            ) from None
        finally:
            _stop(process)


def _port(process: subprocess.Popen[bytes], errors: IO[bytes]) -> int:
    """The port the server prints once it listens; BenchError if it exits or stays silent."""
    assert process.stdout is not None  # a pipe: Popen was given stdout=PIPE
    ready, _, _ = select.select([process.stdout], [], [], _SERVER_START_SECONDS)
    line = process.stdout.readline() if ready else b""
    if not line.strip().isdigit():
        raise BenchError(f"the bench server did not start:\n{_text(errors)}")
    return int(line)


def _text(errors: IO[bytes]) -> str:
    """What the server wrote to its standard error so far."""
    errors.seek(0)
    return errors.read().decode(errors="replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server: its standard input closed is its signal; killed if it lingers."""
    assert process.stdin is not None  # a pipe: Popen was given stdin=PIPE
    process.stdin.close()
    try:
        process.wait(_SERVER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure(address: str, job: Job) -> Sample:
    """What ``job`` measures in a process of its own, checked; BenchError if it fails."""
    url = stream_url(address, job.format, job.mode, job.events)
    command = [sys.executable, "-m", "bench._measure", job.client, job.format, url]
    if info(job.client).generated and body(job.format, job.events).size > RESPONSE_LIMIT:
        command.append("--lift-response-limit")
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=_CHILD_ENVIRONMENT,
            capture_output=True,
            text=True,
            timeout=_MEASURE_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{job}: no result in {_MEASURE_SECONDS:g} s") from None
    if done.returncode != 0:
        raise BenchError(f"{job} failed, exit status {done.returncode}:\n{done.stderr}")
    sample = Sample(**json.loads(done.stdout))
    _check(job, sample)
    return sample


def _check(job: Job, sample: Sample) -> None:
    """BenchError unless ``sample`` read exactly what the server sent ``job``."""
    problems = []
    if info(job.client).reads_bytes:
        size = body(job.format, job.events).size
        if sample.chars != size:
            problems.append(f"{sample.chars:,} bytes, not {size:,}")
    else:
        if sample.deltas != job.events:
            problems.append(f"{sample.deltas:,} deltas, not {job.events:,}")
        whole = info(job.client).reads_whole_texts
        chars = whole_texts_length(job.events) if whole else text_length(job.events)
        if sample.chars != chars:
            problems.append(f"{sample.chars:,} characters, not {chars:,}")
    if problems:
        raise BenchError(f"{job} read {' and '.join(problems)}")


def rounds(
    address: str, jobs: Sequence[Job], runs: int, done: Callable[[Measurement], None]
) -> list[Measurement]:
    """Every job ``runs`` times, round-robin: run 1 of each, then run 2 of each, and so on, so
    that a slow spell of the machine falls on every client alike. ``done`` sees each one."""
    measurements = []
    for run in range(1, runs + 1):
        for job in jobs:
            measurements.append(Measurement(job, run, measure(address, job)))
            done(measurements[-1])
    return measurements
