"""The shape of the code: the generator's layers, one runtime per test, no import cycles.

Imports are read from the source (every ``import``, in functions and ``TYPE_CHECKING`` blocks
too), so a dependency that runs only sometimes is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGES = ("generator", "replay", "bench", "generated", "tests")
"""The packages whose modules are checked for cycles."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


@cache
def imports_of(path: Path) -> frozenset[str]:
    """The modules ``path`` imports, relative imports resolved; ``from X import y`` counts as
    importing ``X.y`` where that is a module of this repository, else ``X``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base)
    return frozenset(found)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_below(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


# ---------------------------------------------------------------- the generator's layers

BASE = ("generator._diagnostics", "generator._runtime_source", "generator.runtime")
"""What every layer may use: diagnostics, and the runtime's source (its constants, its names)."""

LAYERS = {
    "generator._model": BASE,
    "generator._spec": (*BASE, "generator._model"),
    "generator._emit": (*BASE, "generator._model"),
    "generator._capture": (
        *BASE,
        "generator._model",
        "generator._render",
        "generator._spec._formats",
    ),
}
"""What each layer of the pipeline may import of the generator besides itself: spec -> model
-> emission; nothing of the layers after it (layout, the package, the commands). A capture
becomes a spec's text by templates, as the package's modules do, in the latest format, its
names clear of those the model reserves."""


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_before_it(layer: str) -> None:
    folder = ROOT.joinpath(*layer.split("."))
    allowed = (layer, *LAYERS[layer])
    for path in sorted(folder.rglob("*.py")):
        for imported in imports_of(path):
            if imports_below(imported, "generator"):
                assert any(imports_below(imported, each) for each in allowed), f"{path}: {imported}"


# ---------------------------------------------------------------- one runtime per test

SOURCE_TESTS = ("runtime", "generator")
"""Folders of tests of the runtime's source: they never import the project's package."""
PACKAGE_TESTS = ("providers", "gateway", "g4f", "record", "replay")
"""Folders of tests of the project's package: they never import the runtime's source."""


def runtimes_imported(path: Path) -> set[str]:
    """Which copies of the runtime ``path`` imports: its source, the package's, or both."""
    copies = set()
    for imported in imports_of(path):
        if imports_below(imported, "generated"):
            copies.add("package")
        if imports_below(imported, "generator.runtime"):
            copies.add("source")
    return copies


@pytest.mark.parametrize(
    "path", list(source_files("tests")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_test_module_imports_both_runtimes(path: Path) -> None:
    copies = runtimes_imported(path)
    assert len(copies) <= 1, copies
    folder = path.relative_to(ROOT / "tests").parts[0]
    if folder in SOURCE_TESTS:
        assert "package" not in copies
    elif folder in PACKAGE_TESTS:
        assert "source" not in copies
    else:  # the shared helpers
        assert not copies


# ---------------------------------------------------------------- no import cycles


def test_no_import_cycle() -> None:
    graph = {
        module_name(path): {
            imported
            for imported in imports_of(path)
            if imported.partition(".")[0] in PACKAGES and imported != module_name(path)
        }
        for path in source_files(*PACKAGES)
    }
    for start in graph:
        cycle = find_cycle(graph, start)
        assert cycle is None, " -> ".join(cycle or [])


def find_cycle(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path of imports from ``start`` back to itself, or None."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for imported in graph.get(node, ()):
            if imported == start:
                return [*path, start]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, [*path, imported]))
    return None
