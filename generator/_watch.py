"""``build --watch``: build, then build again whenever a spec is added, changed or removed.

The specs folder is polled, each spec's bytes compared: reading a folder of small files a few
times a second costs next to nothing, and it sees every editor's way of saving (in place, by
rename, through a network mount, within a file system's timestamp granularity) the same way. A
change is built once the folder has stood still for a tick, so a spec written in pieces is read
whole; a spec that is still wrong is reported, and watching goes on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from ._build import SPEC_SUFFIXES

__all__ = ["POLL_INTERVAL", "watch"]

POLL_INTERVAL = 0.25
"""Seconds between two looks at the specs folder."""

_Snapshot = dict[str, bytes] | None
"""Each spec file's name with the digest of its bytes; None when the folder is gone."""


def watch(
    specs_dir: Path,
    rebuild: Callable[[], None],
    announce: Callable[[str], None],
    *,
    interval: float = POLL_INTERVAL,
) -> None:
    """Call ``rebuild`` now, then after each change to the specs, until interrupted.

    ``announce`` is told what changed before each rebuild after the first (``changed:`` and
    the spec files' names). ``rebuild`` reports its own problems: watching goes on whatever
    happens but an interrupt.
    """
    seen = _snapshot(specs_dir)
    rebuild()
    while True:
        time.sleep(interval)
        now = _snapshot(specs_dir)
        if now == seen:
            continue
        now = _settled(specs_dir, now, interval)
        announce(_what_changed(seen, now))
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
    """Each spec file's name with the digest of its bytes; None if the folder is gone."""
    try:
        entries = list(specs_dir.iterdir())
    except OSError:
        return None
    snapshot: dict[str, bytes] = {}
    for entry in entries:
        if entry.suffix not in SPEC_SUFFIXES:
            continue
        try:
            snapshot[entry.name] = hashlib.blake2b(entry.read_bytes(), digest_size=16).digest()
        except OSError:  # removed between the listing and now, or a folder so named
            continue
    return snapshot


def _what_changed(before: _Snapshot, after: _Snapshot) -> str:
    """The spec files added, changed or removed, or that the folder itself is gone."""
    if after is None:
        return "the specs folder is gone"
    before = before or {}
    names = before.keys() | after.keys()
    changed = sorted(name for name in names if before.get(name) != after.get(name))
    return f"changed: {', '.join(changed)}"
