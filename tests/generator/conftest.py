"""A package built by the generator, to run rendered modules in."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import build

from ..conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


class BuiltPackage:
    """A package built from the golden specs (so its runtime has every optional file)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def load(self, source: str, module: str) -> Any:
        """Execute a rendered module's source as ``<package>.<module>``, beside the runtime."""
        namespace = types.ModuleType(f"{self.name}.{module}")
        namespace.__package__ = self.name
        exec(compile(source, f"<generated {module}>", "exec"), namespace.__dict__)
        return namespace

    def runtime(self, module: str) -> Any:
        """A module of the package's copy of the runtime, e.g. ``_framings``."""
        return importlib.import_module(f"{self.name}._runtime.{module}")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltPackage]:
    folder = tmp_path_factory.mktemp("built")
    build(GOLDEN / "specs", folder / "golden_package", root=ROOT)
    sys.path.insert(0, str(folder))
    try:
        yield BuiltPackage("golden_package")
    finally:
        sys.path.remove(str(folder))
