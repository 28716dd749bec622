"""build, check and validate: specs in, modules out, all-or-nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ._diagnostics import Diagnostic, SpecError
from ._model import ProviderSpec
from ._parser import load_spec
from ._render import render_provider

HEADER_PREFIX = "# Generated from "
SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class BuildReport:
    """What a build did, file by file, and what it noticed."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover_specs(specs_dir: Path) -> list[Path]:
    """Every spec file in ``specs_dir``, sorted so builds are reproducible."""
    return sorted(p for p in specs_dir.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, with ``/`` separators.

    This is what error messages and the generated header show, so output does not depend on
    where the checkout lives.
    """
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_specs(paths: Iterable[Path]) -> list[ProviderSpec]:
    """Load and check every spec, then check them against each other; all problems at once."""
    specs: list[ProviderSpec] = []
    problems: list[Diagnostic] = []
    unique = {path.resolve(): path for path in paths}  # a spec named twice is built once
    for path in unique.values():
        try:
            specs.append(load_spec(path, display_path(path)))
        except SpecError as error:
            problems.extend(error.diagnostics)
    problems.extend(_clashes(specs))
    if problems:
        raise SpecError(problems)
    return specs


def _clashes(specs: list[ProviderSpec]) -> list[Diagnostic]:
    problems = []
    for attribute, what in (("module", "module"), ("class_name", "class")):
        owners: dict[str, str] = {}
        for spec in specs:
            name = getattr(spec, attribute)
            if name in owners:
                message = f"{what} name {name!r} is already used by {owners[name]}"
                problems.append(Diagnostic(spec.source, 1, 1, f"provider.{what}", message))
            owners.setdefault(name, spec.source)
    return problems


def render_all(specs: list[ProviderSpec], output_dir: Path) -> dict[Path, str]:
    """Every module's path and source, rendered in memory before anything is written."""
    return {output_dir / f"{spec.module}.py": render_provider(spec) for spec in specs}


def fallback_notes(specs: list[ProviderSpec]) -> list[str]:
    """One line per provider that evaluates a JSONPath with jsonpath-ng at run time."""
    notes = []
    for spec in specs:
        for path in spec.response.paths().values():
            if not path.singular:
                notes.append(
                    f"{spec.class_name}: JSONPath {path.text!r} is not a singular query; "
                    "jsonpath-ng evaluates it at run time"
                )
    return notes


def build(spec_paths: list[Path], output_dir: Path, *, prune: bool) -> BuildReport:
    """Generate a module for each spec; with ``prune``, remove modules whose spec is gone.

    Nothing is written unless every spec is valid and every module rendered. Each file is
    written to a temporary name in the same directory and renamed over the old one.
    """
    specs = load_specs(spec_paths)
    outputs = render_all(specs, output_dir)
    _refuse_foreign_overwrites(outputs, specs)
    report = BuildReport(notes=fallback_notes(specs))
    output_dir.mkdir(parents=True, exist_ok=True)
    for path, source in outputs.items():
        if path.exists() and path.read_text(encoding="utf-8") == source:
            report.unchanged.append(path)
        else:
            _write_atomically(path, source)
            report.written.append(path)
    if prune:
        for path in orphans(output_dir, outputs):
            if _is_generated(path):
                path.unlink()
                report.removed.append(path)
    return report


def _refuse_foreign_overwrites(outputs: dict[Path, str], specs: list[ProviderSpec]) -> None:
    problems = []
    for (path, _), spec in zip(outputs.items(), specs, strict=True):
        if path.exists() and not _is_generated(path):
            message = f"{display_path(path)} exists and was not generated; not overwriting it"
            problems.append(Diagnostic(spec.source, 1, 1, "provider.module", message))
    if problems:
        raise SpecError(problems)


def _write_atomically(path: Path, source: str) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(source)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _is_generated(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as file:
        return file.readline().startswith(HEADER_PREFIX)


def orphans(output_dir: Path, expected: Iterable[Path]) -> list[Path]:
    """Modules in ``output_dir`` that no spec produces (the ``_`` runtime modules excepted)."""
    if not output_dir.is_dir():
        return []
    keep = set(expected)
    return sorted(
        p for p in output_dir.glob("*.py") if not p.name.startswith("_") and p not in keep
    )


def check(spec_paths: list[Path], output_dir: Path) -> list[str]:
    """Problems that make ``output_dir`` out of sync with the specs; empty when in sync."""
    outputs = render_all(load_specs(spec_paths), output_dir)
    problems = []
    for path, source in outputs.items():
        if not path.exists():
            problems.append(f"{display_path(path)}: missing (run python -m generator build)")
        elif path.read_text(encoding="utf-8") != source:
            problems.append(f"{display_path(path)}: stale, differs from its spec (run build)")
    for path in orphans(output_dir, outputs):
        problems.append(f"{display_path(path)}: orphaned, no spec generates it")
    return problems
