"""build and check: specs in, a package out, all-or-nothing.

``build`` renders every file in memory before it writes one, writes each to a temporary name
beside it and renames it into place, and never replaces or removes a file it did not write.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ._config import ConfigError, display_path, package_name
from ._diagnostics import Diagnostic, SpecError
from ._model import ProviderSpec
from ._package import HEADER_PREFIX, package_files
from ._parser import load_spec

__all__ = ["BuildReport", "build", "check", "discover_specs", "load_specs"]

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
    if not specs_dir.is_dir():
        raise ConfigError(f"the specs folder {specs_dir} does not exist")
    return sorted(p for p in specs_dir.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())


def load_specs(paths: Iterable[Path], root: Path | None = None) -> list[ProviderSpec]:
    """Load and check every spec, then check them against each other; all problems at once.

    Files are named relative to ``root`` (default: the working directory) in diagnostics and
    in the headers of what is generated from them.
    """
    root = Path.cwd() if root is None else root
    specs: list[ProviderSpec] = []
    problems: list[Diagnostic] = []
    unique = {path.resolve(): path for path in paths}  # a spec named twice is built once
    for path in unique.values():
        try:
            specs.append(load_spec(path, display_path(path, root)))
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


def fallback_notes(specs: list[ProviderSpec]) -> list[str]:
    """One line per provider that evaluates a JSONPath with jsonpath-ng at run time."""
    return [
        f"{spec.class_name}: JSONPath {path.text!r} is not a singular query; "
        "jsonpath-ng evaluates it at run time"
        for spec in specs
        for path in spec.framing.paths().values()
        if not path.singular
    ]


def build(
    specs_dir: Path, output_dir: Path, *, only: Sequence[Path] = (), root: Path | None = None
) -> BuildReport:
    """Write the package for every spec in ``specs_dir`` into ``output_dir``.

    With ``only``, just those specs' modules are rewritten (besides the runtime and the
    ``__init__``) and nothing is removed; otherwise modules whose spec is gone are removed.
    Every spec is checked either way: the package's ``__init__`` lists every provider.
    """
    root = Path.cwd() if root is None else root
    specs = load_specs(discover_specs(specs_dir), root)
    modules = _modules_of(only, specs, specs_dir, root)
    files = _files(specs, specs_dir, output_dir, root, modules)
    _refuse_foreign_overwrites(output_dir, files, root)
    report = BuildReport(notes=fallback_notes(specs))
    mode = _file_mode()
    for relative, source in files.items():
        path = output_dir / relative
        if path.is_file() and path.read_text(encoding="utf-8") == source:
            report.unchanged.append(path)
        else:
            _write_atomically(path, source, mode)
            report.written.append(path)
    if not only:
        for relative in orphans(output_dir, files):
            path = output_dir / relative
            if is_generated(path):
                path.unlink()
                _remove_empty_folders(path.parent, output_dir)
                report.removed.append(path)
    return report


def check(specs_dir: Path, output_dir: Path, *, root: Path | None = None) -> list[str]:
    """Problems that make ``output_dir`` differ from what ``build`` writes; empty when in sync."""
    root = Path.cwd() if root is None else root
    specs = load_specs(discover_specs(specs_dir), root)
    files = _files(specs, specs_dir, output_dir, root, [spec.module for spec in specs])
    problems = []
    for relative, source in files.items():
        path = output_dir / relative
        if not path.is_file():
            problems.append(f"{display_path(path, root)}: missing (run python -m generator build)")
        elif path.read_text(encoding="utf-8") != source:
            problems.append(
                f"{display_path(path, root)}: stale, differs from its source (run build)"
            )
    for relative in orphans(output_dir, files):
        problems.append(
            f"{display_path(output_dir / relative, root)}: orphaned, no spec generates it"
        )
    return problems


def _modules_of(
    only: Sequence[Path], specs: list[ProviderSpec], specs_dir: Path, root: Path
) -> list[str]:
    """The provider modules to render: those of the specs in ``only``, else all."""
    if not only:
        return [spec.module for spec in specs]
    folder = specs_dir.resolve()
    for path in only:
        if path.resolve().parent != folder:
            raise ConfigError(
                f"{display_path(path, root)} is not in the specs folder "
                f"{display_path(specs_dir, root)}: a package is built from one folder, and a "
                "module built from a spec elsewhere would be removed by the next full build. "
                "Move the spec there, or point --specs at its folder."
            )
    named = {path.name for path in only}
    return [spec.module for spec in specs if Path(spec.source).name in named]


def _files(
    specs: list[ProviderSpec], specs_dir: Path, output_dir: Path, root: Path, modules: list[str]
) -> dict[PurePosixPath, str]:
    source = display_path(specs_dir, root).rstrip("/") + "/"
    return package_files(specs, package_name(output_dir, root), source, modules=modules)


def _refuse_foreign_overwrites(
    output_dir: Path, files: dict[PurePosixPath, str], root: Path
) -> None:
    for relative in files:
        path = output_dir / relative
        if path.exists() and not is_generated(path):
            raise ConfigError(
                f"{display_path(path, root)} exists and was not generated; not overwriting it"
            )


def is_generated(path: Path) -> bool:
    """Whether ``path`` is a file a build wrote: it starts with the generated header."""
    if not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as file:
        return file.readline().startswith(HEADER_PREFIX)


def orphans(output_dir: Path, expected: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """Files in ``output_dir`` (caches aside) that a build would not write, sorted."""
    if not output_dir.is_dir():
        return []
    keep = set(expected)
    found: list[PurePosixPath] = []
    for folder, subfolders, names in os.walk(output_dir):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        relative = PurePosixPath(Path(folder).relative_to(output_dir).as_posix())
        found.extend(relative / name for name in names if relative / name not in keep)
    return sorted(found)


def _file_mode() -> int:
    """The mode ``open()`` would create a file with: 0o666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_atomically(path: Path, source: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp"
    )
    try:
        os.fchmod(descriptor, mode)  # mkstemp makes files only their owner can read
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(source)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_folders(folder: Path, output_dir: Path) -> None:
    while folder != output_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
