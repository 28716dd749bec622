"""The import check: how long a fresh process takes to import a generated provider, and what
comes in with it."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from typing import TypedDict

from bench._importtime import FORBIDDEN
from bench._runner import ROOT, BenchError

__all__ = ["ImportCheck", "check_imports", "describe_imports"]


@dataclass(frozen=True)
class ImportCheck:
    """Medians over fresh processes of ``import generated.codelink_ava``, and what it brought."""

    runs: int
    seconds: float
    aiohttp_seconds: float
    modules: int
    forbidden: tuple[str, ...]
    """The generator's libraries that came in: there must be none."""


class _Report(TypedDict):
    """What ``python -m bench._importtime`` prints."""

    seconds: float
    aiohttp_seconds: float
    modules: int
    forbidden: list[str]


def check_imports(runs: int) -> ImportCheck:
    """Import the provider in ``runs`` fresh processes; BenchError if one fails."""
    reports = [_one_import() for _ in range(runs)]
    return ImportCheck(
        runs=runs,
        seconds=statistics.median(report["seconds"] for report in reports),
        aiohttp_seconds=statistics.median(report["aiohttp_seconds"] for report in reports),
        modules=max(report["modules"] for report in reports),
        forbidden=tuple(sorted({name for report in reports for name in report["forbidden"]})),
    )


def _one_import() -> _Report:
    command = [sys.executable, "-m", "bench._importtime"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"importing generated.codelink_ava failed:\n{done.stderr}")
    report: _Report = json.loads(done.stdout)
    return report


def describe_imports(check: ImportCheck) -> str:
    """The check as lines of text, the verdict on forbidden modules last."""
    found = ", ".join(check.forbidden)
    verdict = f"FAILED: {found} imported" if check.forbidden else "ok, none imported"
    return "\n".join(
        (
            f"Import of generated.codelink_ava, fresh process, median of {check.runs}:",
            f"  {check.seconds * 1000:.0f} ms, of which aiohttp {check.aiohttp_seconds * 1000:.0f} ms;"
            f" {check.modules} modules",
            f"  {', '.join(FORBIDDEN)} must not be imported: {verdict}",
        )
    )
