"""How long the generator takes over many specs: a build, then a check, of 500 by default.

    .venv/bin/python -m bench.generate [--specs 500] [--runs 5]

Copies the project's specs/*.yaml, cycled, into a temporary folder, each copy with a module and
a class name of its own (a build refuses two specs that share one), then times
``python -m generator build --specs DIR --output OUT`` into an empty package folder, and
``python -m generator check`` of the package it wrote, each as a subprocess, as a user runs
them: wall time, start-up and imports included, after one build and check that fill Python's
bytecode cache. Prints the median and the fastest of ``--runs``, and the median CPU time (ruff's
included). The target is a median under 3 s each for 500 specs; exits 1 if one is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_PROJECT_SPECS = _ROOT / "specs"
_TARGET_SECONDS = 3.0

# A spec names its module and its class on lines of their own under `provider:`; a copy renames
# both, which is all that makes two specs distinct to a build.
_MODULE_LINE = re.compile(r"^([ \t]+module:[ \t]*)([a-z][a-z0-9_]*)[ \t]*$", re.MULTILINE)
_CLASS_LINE = re.compile(r"^([ \t]+class:[ \t]*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*$", re.MULTILINE)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--specs", type=int, default=500, help="how many specs (default 500)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    arguments = parser.parse_args()
    if arguments.specs < 1 or arguments.runs < 1:
        parser.error("--specs and --runs must be at least 1")
    return arguments


def _renamed(text: str, suffix: int, source: Path) -> tuple[str, str]:
    """``text`` with its module and class names suffixed by ``suffix``, and the new module."""
    modules = _MODULE_LINE.findall(text)
    if len(modules) != 1 or len(_CLASS_LINE.findall(text)) != 1:
        raise SystemExit(f"{source}: expected one `module:` and one `class:` line to rename")
    module = f"{modules[0][1]}_{suffix:04d}"
    text = _MODULE_LINE.sub(lambda match: match[1] + module, text)
    text = _CLASS_LINE.sub(lambda match: f"{match[1]}{match[2]}{suffix:04d}", text)
    return text, module


def _write_specs(folder: Path, count: int) -> int:
    """Write ``count`` specs into ``folder``; return how many distinct specs they copy."""
    originals = sorted(_PROJECT_SPECS.glob("*.yaml"))
    if not originals:
        raise SystemExit(f"no specs in {_PROJECT_SPECS}")
    texts = [path.read_text(encoding="utf-8") for path in originals]
    folder.mkdir()
    for index in range(count):
        which = index % len(originals)
        text, module = _renamed(texts[which], index, originals[which])
        (folder / f"{module}.yaml").write_text(text, encoding="utf-8")
    return min(count, len(originals))


def _environment(work: Path) -> dict[str, str]:
    """The commands' environment: the project's generator, and Python's bytecode cache on.

    A user's Python compiles the generator's modules once, not on every run, whatever this
    shell says (PYTHONDONTWRITEBYTECODE); the cache is kept in ``work``, out of the project.
    """
    environment = {key: value for key, value in os.environ.items() if key != _NO_BYTECODE}
    paths = [str(_ROOT), os.environ.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    environment["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return environment


_NO_BYTECODE = "PYTHONDONTWRITEBYTECODE"


class _Failed(Exception):
    """A command exited with an error; the message holds the command and its output."""


@dataclass(frozen=True)
class _Timing:
    """What one command took: wall seconds, and CPU seconds of it and its children (ruff)."""

    wall: float
    cpu: float


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], work: Path) -> _Timing:
    """What ``command`` takes in ``work``; raise _Failed if it fails."""
    cpu = _cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=work, env=_environment(work), capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        shown = " ".join(command)
        raise _Failed(f"`{shown}` exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return _Timing(wall, _cpu_of_children() - cpu)


def _generator(command: str) -> list[str]:
    # Relative folders, run in the temporary folder: no pyproject.toml above it applies.
    return [sys.executable, "-m", "generator", command, "--specs", "specs", "--output", "out"]


_ATTEMPTS = 3
"""Tries at a build and its check before the benchmark gives up."""


def _build_then_check(work: Path) -> tuple[_Timing, _Timing]:
    """A build into an empty package folder, and a check just after it.

    The generator's source edited between the two (someone working on it while the benchmark
    runs) makes the check fail: the pair is tried again, a few times, before that is an error.
    """
    for _ in range(_ATTEMPTS - 1):
        with contextlib.suppress(_Failed):
            return _one_build_then_check(work)
    return _one_build_then_check(work)


def _one_build_then_check(work: Path) -> tuple[_Timing, _Timing]:
    shutil.rmtree(work / "out", ignore_errors=True)
    return _timed(_generator("build"), work), _timed(_generator("check"), work)


def _time_runs(work: Path, runs: int) -> tuple[list[_Timing], list[_Timing]]:
    """Each build, and each check, after one of each to fill the bytecode cache."""
    _build_then_check(work)
    pairs = [_build_then_check(work) for _ in range(runs)]
    return [build for build, _ in pairs], [check for _, check in pairs]


def _median_wall(timings: list[_Timing]) -> float:
    return statistics.median(timing.wall for timing in timings)


def _report(name: str, timings: list[_Timing]) -> str:
    median = _median_wall(timings)
    verdict = "ok" if median < _TARGET_SECONDS else "TOO SLOW"
    fastest = min(timing.wall for timing in timings)
    # CPU time (ruff's included) shows what the generator costs when other work on the machine
    # slows the wall clock; it is no help where the machine itself runs slower at times.
    cpu = statistics.median(timing.cpu for timing in timings)
    return (
        f"  {name:<5} {median:5.2f} s wall median, {fastest:5.2f} s fastest, {cpu:5.2f} s CPU   "
        f"target < {_TARGET_SECONDS:g} s: {verdict}"
    )


def main() -> int:
    arguments = _arguments()
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as temporary:
        work = Path(temporary)
        distinct = _write_specs(work / "specs", arguments.specs)
        try:
            build_times, check_times = _time_runs(work, arguments.runs)
        except _Failed as error:
            raise SystemExit(str(error)) from None
    print(
        f"{arguments.specs} specs ({distinct} distinct, renamed), "
        f"median of {arguments.runs} runs each:"
    )
    print(_report("build", build_times))
    print(_report("check", check_times))
    slow = max(_median_wall(build_times), _median_wall(check_times))
    return 0 if slow < _TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
