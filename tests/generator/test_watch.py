"""``build --watch``: a rebuild on each change to the specs, reported, surviving broken specs.

The command runs as a user runs it, in its own process; each step waits for the line that says
it happened, so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue

import pytest

from ..conftest import ROOT

SPEC = ROOT / "specs" / "codelink_ava.yaml"
WAIT = 30.0
"""Seconds to wait for a line: far more than a rebuild takes, so a hang fails the test."""


class Watcher:
    """``python -m generator build --watch`` in a scratch project, its output line by line."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--watch"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: Queue[str] = Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, ending: str) -> list[str]:
        """The lines printed up to and including the first that ends with ``ending``."""
        seen: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except Empty:
                pytest.fail(f"no line ending with {ending!r}; got {seen}")
            seen.append(line)
            if line.endswith(ending):
                return seen

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(WAIT)

    def close(self) -> None:
        """End the process if it still runs, and release its pipe."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT)
        self._reader.join(WAIT)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    shutil.copy(SPEC, tmp_path / "specs")
    return tmp_path


@pytest.fixture
def watcher(project: Path) -> Iterator[Watcher]:
    watching = Watcher(project)
    yield watching
    watching.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_builds_at_once_then_again_on_each_change(project: Path, watcher: Watcher) -> None:
    first = watcher.until(" written")
    assert first[0] == "watching specs (Ctrl-C stops)"
    assert "wrote generated/codelink_ava.py" in first
    spec = project / "specs" / "codelink_ava.yaml"
    edit(spec, "default: 0.6", "default: 0.7")
    changed = watcher.until(" unchanged")
    assert changed[0] == "changed: codelink_ava.yaml"
    assert changed[1] == "wrote generated/codelink_ava.py"
    module = (project / "generated" / "codelink_ava.py").read_text(encoding="utf-8")
    assert "temperature: float = 0.7" in module
    assert watcher.stop() == 0
    assert watcher.until("stopped watching") == ["stopped watching"]


def test_a_half_written_spec_is_reported_and_watching_goes_on(
    project: Path, watcher: Watcher
) -> None:
    watcher.until(" written")
    spec = project / "specs" / "codelink_ava.yaml"
    whole = spec.read_text(encoding="utf-8")
    spec.write_text(whole[: whole.index("response:")] + "response:\n  framing: s", "utf-8")
    reported = watcher.until(
        "response.framing: 's' is not one of: sse, ndjson, json_array, json, text, websocket, "
        "aws_eventstream"
    )[-1]
    assert reported.startswith("specs/codelink_ava.yaml:50:12: ")
    spec.write_text(whole.replace("default: 0.6", "default: 0.5"), encoding="utf-8")
    rebuilt = watcher.until(" unchanged")
    assert "wrote generated/codelink_ava.py" in rebuilt
    assert watcher.process.poll() is None


def test_a_new_spec_adds_a_module_and_a_removed_one_removes_it(
    project: Path, watcher: Watcher
) -> None:
    watcher.until(" written")
    shutil.copy(ROOT / "specs" / "ollama_chat.yaml", project / "specs")
    added = watcher.until(" unchanged")
    assert added[0] == "changed: ollama_chat.yaml"
    assert "wrote generated/ollama_chat.py" in added
    (project / "specs" / "ollama_chat.yaml").unlink()
    removed = watcher.until(" unchanged")
    assert "removed generated/ollama_chat.py (its spec is gone)" in removed
    assert not (project / "generated" / "ollama_chat.py").exists()


def test_the_specs_folder_going_is_said_and_its_return_rebuilt(
    project: Path, watcher: Watcher
) -> None:
    watcher.until(" written")
    shutil.rmtree(project / "specs")
    gone = watcher.until("does not exist")
    assert gone == ["the specs folder is gone", "error: the specs folder specs does not exist"]
    (project / "specs").mkdir()
    shutil.copy(SPEC, project / "specs")
    back = watcher.until(" unchanged")
    assert back[0] == "changed: codelink_ava.yaml"
    assert watcher.process.poll() is None


def test_an_edit_that_keeps_the_size_and_the_time_is_seen(project: Path, watcher: Watcher) -> None:
    watcher.until(" written")
    spec = project / "specs" / "codelink_ava.yaml"
    before = spec.stat()
    edit(spec, "default: 0.6", "default: 0.8")
    os.utime(spec, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a coarse clock would
    assert "wrote generated/codelink_ava.py" in watcher.until(" unchanged")
