"""Importing a generated provider loads aiohttp and the package's runtime, not the build's tools.

Each module is imported in a fresh interpreter, which then lists every module it holds: neither
the generator nor a library only the generator uses may be among them. jsonpath-ng is the one
exception, for a module whose spec has a JSONPath the generator could not compile to lookups: it
imports the runtime's ``_fallback``, which evaluates such a path with jsonpath-ng. How long the
import takes is measured by ``python -m bench.imports``, not here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

PACKAGE = ROOT / "generated"
PROVIDERS = sorted(path for path in PACKAGE.glob("*.py") if path.name != "__init__.py")

BUILD_ONLY = ("generator", "jinja2", "yaml", "jsonschema", "jsonpath_ng")
"""The generator and the libraries it builds with: a provider's import needs none of them."""

FALLBACK = "jsonpath_ng"
"""Needed at run time by a module that evaluates a JSONPath with jsonpath-ng."""

_IMPORTS_FALLBACK = re.compile(r"^from \._runtime\._fallback import ", re.MULTILINE)

# Runs in the fresh interpreter: import the module named, then list what is loaded.
_LIST_MODULES = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def _modules_loaded_by_importing(module: str) -> list[str]:
    """Every module in a fresh interpreter once it has imported ``module``."""
    # -E and -s: no PYTHON* variable and no user site adds an import; -B: no bytecode written
    # into the package. The working directory, first on the path, makes the package importable.
    result = subprocess.run(
        [sys.executable, "-E", "-s", "-B", "-c", _LIST_MODULES, module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def _of(packages: tuple[str, ...], loaded: list[str]) -> list[str]:
    """The modules in ``loaded`` that are one of ``packages`` or inside one."""
    return [name for name in loaded if name.partition(".")[0] in packages]


def _needs_fallback(path: Path) -> bool:
    return _IMPORTS_FALLBACK.search(path.read_text(encoding="utf-8")) is not None


def test_the_import_check_runs_in_an_interpreter_that_can_tell() -> None:
    # The listing sees what an import brings in: yaml, imported, is listed with its submodules.
    assert "yaml.constructor" in _of(("yaml",), _modules_loaded_by_importing("yaml"))


@pytest.mark.parametrize("path", PROVIDERS, ids=lambda path: path.stem)
def test_a_provider_imports_nothing_of_the_build(path: Path) -> None:
    module = f"{PACKAGE.name}.{path.stem}"
    loaded = _modules_loaded_by_importing(module)
    assert module in loaded
    allowed = (FALLBACK,) if _needs_fallback(path) else ()
    forbidden = tuple(name for name in BUILD_ONLY if name not in allowed)
    assert _of(forbidden, loaded) == []


def test_codelink_ava_needs_no_fallback() -> None:
    # The provider the issue names is checked with jsonpath-ng forbidden, not merely allowed.
    assert not _needs_fallback(PACKAGE / "codelink_ava.py")


def test_some_provider_needs_the_fallback() -> None:
    # tgi_generate's spec stops on a filter query. Were there no such module, the exception for
    # jsonpath-ng would be tested nowhere.
    assert any(_needs_fallback(path) for path in PROVIDERS)
