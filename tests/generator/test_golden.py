"""Golden records: specs compared byte for byte with the modules they must generate.

After an intended change to the templates, regenerate with
``UPDATE_GOLDEN=1 python -m pytest tests/generator/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import discover_specs, load_specs, render_provider

from ..conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def _render(spec_path: Path) -> str:
    [spec] = load_specs([spec_path])
    return render_provider(spec)


@pytest.mark.parametrize("spec_path", discover_specs(GOLDEN / "specs"), ids=lambda p: p.stem)
def test_golden_module(spec_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the header names the spec relative to the project
    expected_path = GOLDEN / "generated" / f"{spec_path.stem}.py"
    source = _render(spec_path)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(source, encoding="utf-8")
    assert source == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("spec_path", discover_specs(ROOT / "specs"), ids=lambda p: p.stem)
def test_committed_modules_match_their_specs(
    spec_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    [spec] = load_specs([spec_path])
    committed = ROOT / "generated" / f"{spec.module}.py"
    assert render_provider(spec) == committed.read_text(encoding="utf-8")
