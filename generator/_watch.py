"""``build --watch``: build, then build again whenever a spec is added, changed or removed.

The specs folder is polled: a few stat calls a tick cost nothing, and polling sees every
editor's way of saving (in place, by rename, through a network mount) the same way. A change
is built once the folder has stood still for a tick, so a spec written in pieces is read whole;
a spec that is still wrong is reported, and watching goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ._build import SPEC_SUFFIXES

__all__ = ["POLL_INTERVAL", "watch"]

POLL_INTERVAL = 0.25
"""Seconds between two looks at the specs folder."""

_Snapshot = dict[str, tuple[int, int]]


def watch(
    specs_dir: Path,
    rebuild: Callable[[], None],
    announce: Callable[[list[str]], None],
    *,
    interval: float = POLL_INTERVAL,
) -> None:
    """Call ``rebuild`` now, then after each change to the specs, until interrupted.

    ``announce`` is told which spec files changed before each rebuild after the first.
    ``rebuild`` reports its own problems: watching goes on whatever it raises but an interrupt.
    """
    seen = _snapshot(specs_dir)
    rebuild()
    while True:
        time.sleep(interval)
        now = _snapshot(specs_dir)
        if now == seen:
            continue
        now = _settled(specs_dir, now, interval)
        announce(_changed(seen, now))
        seen = now
        rebuild()


def _settled(specs_dir: Path, last: _Snapshot, interval: float) -> _Snapshot:
    """The folder's snapshot once two looks in a row agree: an editor has finished saving."""
    while True:
        time.sleep(interval)
        now = _snapshot(specs_dir)
        if now == last:
            return now
        last = now


def _snapshot(specs_dir: Path) -> _Snapshot:
    """Each spec file's name with its modification time and size; empty if the folder is gone."""
    snapshot: _Snapshot = {}
    try:
        entries = list(specs_dir.iterdir())
    except OSError:
        return snapshot
    for entry in entries:
        if entry.suffix not in SPEC_SUFFIXES:
            continue
        try:
            status = entry.stat()
        except OSError:  # removed between the listing and now
            continue
        snapshot[entry.name] = (status.st_mtime_ns, status.st_size)
    return snapshot


def _changed(before: _Snapshot, after: _Snapshot) -> list[str]:
    """The names of the spec files added, changed or removed, sorted."""
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))
