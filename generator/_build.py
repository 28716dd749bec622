"""build and check: specs in, a package out.

``build`` checks every spec and renders every file in memory before it writes one, writes each
to a temporary name beside it and renames it into place, and never replaces or removes a file it
did not write. It owns the package folder's top-level files and its ``_runtime`` subfolder;
``build`` warns of anything else there and ``check`` reports it, since the folder holds only
what ``build`` writes.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ._diagnostics import Diagnostic, SpecError
from ._model import ProviderSpec
from ._package import (
    HEADER_PREFIX,
    TABLE_HEADER_PREFIX,
    emit_package,
    package_files,
    table_file,
)
from ._project import ConfigError, display_path, package_name
from ._runtime_source import PARTS, RUNTIME_FOLDER
from ._spec import load_spec

__all__ = [
    "BuildReport",
    "build",
    "check",
    "checked_parts",
    "discover_specs",
    "file_mode",
    "load_specs",
    "validate",
    "write_atomically",
]

SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class BuildReport:
    """What a build did, file by file, and what it noticed."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: dict[Path, str] = field(default_factory=dict)
    """Each file removed, with why: its spec is gone, say."""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What is in the package folder that the build did not write, each left as it is."""


_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
"""The name of a temporary file a build writes and renames: left over, the build was killed."""


@dataclass(frozen=True)
class _Stray:
    """A file or folder in the package folder that a build would not write."""

    path: PurePosixPath
    generated: bool
    """Whether a full build removes it: it starts with the generated header, or it is a
    temporary file a killed build left behind."""

    @property
    def leftover(self) -> bool:
        return _LEFTOVER.fullmatch(self.path.name) is not None

    @property
    def part(self) -> str | None:
        """The runtime's part the file belongs to, if it is one of a part's files."""
        if self.path.parts[0] != RUNTIME_FOLDER:
            return None
        inside = PurePosixPath(*self.path.parts[1:]).as_posix()
        return next((name for name, part in PARTS.items() if inside in part.files), None)

    def why_removed(self) -> str:
        if self.leftover:
            return "left over by a build that did not finish"
        if self.part is not None:
            return f"of the {self.part!r} part, which this build does not carry"
        if self.path.parts[0] == RUNTIME_FOLDER:
            return "no longer in the runtime"
        return "its spec is gone"

    def problem(self) -> str:
        if self.leftover:
            return "left over by a build that did not finish (build removes it)"
        if not self.generated:
            return "not written by build: the package folder holds only what build writes"
        if self.part is not None:
            return f"of the {self.part!r} part, which this build does not carry (build removes it)"
        if self.path.parts[0] == RUNTIME_FOLDER:
            return "orphaned, no longer part of the runtime (build removes it)"
        return "orphaned, no spec generates it (build removes it)"


def discover_specs(specs_dir: Path, root: Path | None = None) -> list[Path]:
    """Every spec file in ``specs_dir``, sorted so builds are reproducible; at least one."""
    shown = display_path(specs_dir, Path.cwd() if root is None else root)
    if not specs_dir.is_dir():
        missing = "is not a folder" if specs_dir.exists() else "does not exist"
        raise ConfigError(f"the specs folder {shown} {missing}")
    specs = sorted(p for p in specs_dir.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())
    if not specs:
        raise ConfigError(f"no specs in {shown}: a spec is a .yaml or .yml file")
    return specs


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
        raise SpecError(sorted(problems))
    return specs


def _clashes(specs: list[ProviderSpec], others: Sequence[ProviderSpec] = ()) -> list[Diagnostic]:
    """Names ``specs`` share with each other or with ``others``, each at the clashing key."""
    problems = []
    for attribute, what in (("module", "module"), ("class_name", "class")):
        owners = {getattr(other, attribute): other.source for other in others}
        for spec in specs:
            name = getattr(spec, attribute)
            if name in owners:
                message = f"{what} name {name!r} is already used by {owners[name]}"
                problems.append(spec.positions.diagnostic(("provider", what), message))
            owners.setdefault(name, spec.source)
    return problems


def validate(
    paths: Sequence[Path], specs_dir: Path, root: Path | None = None
) -> list[ProviderSpec]:
    """Load and check ``paths``, and check their names against every other spec in ``specs_dir``.

    The other specs are not checked themselves: a broken one is simply not compared.
    """
    root = Path.cwd() if root is None else root
    specs = load_specs(paths, root)
    named = {path.resolve() for path in paths}
    others = []
    if specs_dir.is_dir():
        for path in discover_specs(specs_dir, root):
            if path.resolve() not in named:
                try:
                    others.append(load_spec(path, display_path(path, root)))
                except SpecError:
                    continue
    problems = _clashes(specs, others)
    if problems:
        raise SpecError(sorted(problems))
    return specs


def fallback_notes(specs: list[ProviderSpec]) -> list[str]:
    """One line per provider that evaluates a JSONPath with jsonpath-ng at run time."""
    return [
        f"{spec.class_name}: JSONPath {path.text!r} does not compile to lookups; "
        "jsonpath-ng evaluates it at run time"
        for spec in specs
        for path in spec.framing.paths().values()
        if path.steps is None
    ]


def build(
    specs_dir: Path,
    output_dir: Path,
    *,
    only: Sequence[Path] = (),
    root: Path | None = None,
    table: Path | None = None,
    parts: Collection[str] = (),
) -> BuildReport:
    """Write the package for every spec in ``specs_dir`` into ``output_dir``.

    With ``only``, just those specs' modules are rewritten (besides the runtime and the
    ``__init__``) and nothing is removed; otherwise generated files no spec or runtime file
    produces any more are removed. Every spec is checked either way: the package's
    ``__init__`` lists every provider. ``table`` is where the Markdown table of the providers
    goes, if anywhere; ``parts`` are the runtime's parts the package carries besides its core
    (``registry``, ``gateway``, ``gpt4free``).
    """
    root = Path.cwd() if root is None else root
    _check_output_folder(output_dir, specs_dir, root)
    specs = load_specs(discover_specs(specs_dir, root), root)
    modules = _modules_of(only, specs, specs_dir, root)
    where = _Where(specs_dir, output_dir, root, table, checked_parts(parts))
    package, files = _written_files(specs, where, modules)
    _refuse_foreign_overwrites(files, root, table)
    report = BuildReport(notes=fallback_notes(specs))
    mode = file_mode()
    for path, source in files.items():
        if _holds(path, source):
            report.unchanged.append(path)
        else:
            write_atomically(path, source, mode)
            report.written.append(path)
    for stray in _strays(output_dir, package):
        path = output_dir / stray.path
        # A build of some specs leaves the other modules alone, but never a build's litter.
        if stray.leftover or (stray.generated and not only):
            path.unlink()
            _remove_empty_folders(path.parent, output_dir)
            report.removed[path] = stray.why_removed()
        elif not stray.generated:
            report.warnings.append(f"{display_path(path, root)}: {stray.problem()}")
    return report


def check(
    specs_dir: Path,
    output_dir: Path,
    *,
    root: Path | None = None,
    table: Path | None = None,
    parts: Collection[str] = (),
) -> list[str]:
    """Problems that make ``output_dir`` (and ``table``) differ from what ``build`` writes
    with the same ``parts``; empty when in sync."""
    root = Path.cwd() if root is None else root
    _check_output_folder(output_dir, specs_dir, root)
    specs = load_specs(discover_specs(specs_dir, root), root)
    modules = [spec.module for spec in specs]
    where = _Where(specs_dir, output_dir, root, table, checked_parts(parts))
    package, files = _written_files(specs, where, modules)
    if not output_dir.is_dir():
        shown = display_path(output_dir, root)
        return [f"{shown}: the package folder does not exist (run python -m generator build)"]
    problems = []
    for path, source in files.items():
        if not path.is_file():
            problems.append(f"{display_path(path, root)}: missing (run python -m generator build)")
        elif not _holds(path, source):
            problems.append(
                f"{display_path(path, root)}: stale, differs from its source (run build)"
            )
    for stray in _strays(output_dir, package):
        problems.append(f"{display_path(output_dir / stray.path, root)}: {stray.problem()}")
    return problems


def _check_output_folder(output_dir: Path, specs_dir: Path, root: Path) -> None:
    """Refuse a package folder that is a file, or that holds the specs or the whole project.

    Paths are compared with their links resolved: a link to the project is the project.
    """
    output = output_dir.resolve()
    shown = display_path(output_dir, root)
    if output.exists() and not output.is_dir():
        raise ConfigError(f"the output folder {shown} is a file, not a folder")
    for inside, what in ((root, "the project"), (specs_dir, "the specs")):
        if inside.resolve().is_relative_to(output):
            raise ConfigError(
                f"the output folder {shown} holds {what}: a build owns its package folder, so "
                "give the package a folder of its own (such as generated)"
            )


def _holds(path: Path, source: str) -> bool:
    """Whether ``path`` is a file whose bytes are exactly those a build writes for ``source``."""
    return path.is_file() and path.read_bytes() == source.encode("utf-8")


def _modules_of(
    only: Sequence[Path], specs: list[ProviderSpec], specs_dir: Path, root: Path
) -> list[str]:
    """The provider modules to render: those of the specs in ``only``, else all."""
    if not only:
        return [spec.module for spec in specs]
    folder = specs_dir.resolve()
    for path in only:
        shown = display_path(path, root)
        if path.parent.resolve() != folder:
            raise ConfigError(
                f"{shown} is not in the specs folder {display_path(specs_dir, root)}: a package "
                "is built from one folder, and a module built from a spec elsewhere would be "
                "removed by the next full build. Move the spec there, or point --specs at its "
                "folder."
            )
        if not path.is_file() or path.suffix not in SPEC_SUFFIXES:
            raise ConfigError(f"{shown} is not a spec file (a .yaml or .yml file)")
    named = {path.name for path in only}
    return [spec.module for spec in specs if Path(spec.source).name in named]


def _specs_source(specs_dir: Path, root: Path) -> str:
    """The specs folder as generated headers name it."""
    return display_path(specs_dir, root).rstrip("/") + "/"


@dataclass(frozen=True)
class _Where:
    """What a build reads and writes: the specs, the package, the table, the parts."""

    specs_dir: Path
    output_dir: Path
    root: Path
    table: Path | None
    parts: frozenset[str]


def checked_parts(parts: Collection[str]) -> frozenset[str]:
    """``parts``, each the name of one of the runtime's parts; else a ConfigError."""
    for part in parts:
        if part not in PARTS:
            close = difflib.get_close_matches(part, PARTS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the parts: {', '.join(PARTS)}"
            raise ConfigError(f"no part {part!r} of the runtime; {hint}")
    return frozenset(parts)


def _written_files(
    specs: list[ProviderSpec], where: _Where, modules: list[str]
) -> tuple[dict[PurePosixPath, str], dict[Path, str]]:
    """The package's files by their path inside it, and every file a build writes, by path."""
    specs_dir, output_dir, root, table = where.specs_dir, where.output_dir, where.root, where.table
    source = _specs_source(specs_dir, root)
    emitted = emit_package(specs)
    name = package_name(output_dir, root)
    package = package_files(
        specs, name, source, modules=modules, parts=where.parts, emitted=emitted
    )
    files = {output_dir / relative: text for relative, text in package.items()}
    if table is not None:
        if table.resolve().is_relative_to(output_dir.resolve()):
            raise ConfigError(
                f"the table {display_path(table, root)} is in the package folder, which holds "
                "only the package: put it beside it (docs/providers.md, say)"
            )
        files[table] = table_file(specs, source, emitted)
    return package, files


def _refuse_foreign_overwrites(files: Iterable[Path], root: Path, table: Path | None) -> None:
    for path in files:
        if path.exists() and not is_generated(path, table=path == table):
            raise ConfigError(
                f"{display_path(path, root)} exists and was not generated; not overwriting it"
            )


def is_generated(path: Path, *, table: bool = False) -> bool:
    """Whether ``path`` is a file a build wrote: it starts with the generated header (the
    table's comment, for the ``table``), or it is a temporary file a build left behind."""
    if not path.is_file():
        return False
    if _LEFTOVER.fullmatch(path.name):
        return True
    prefix = TABLE_HEADER_PREFIX if table else HEADER_PREFIX
    with path.open("rb") as file:
        return file.readline().startswith(prefix.encode())


def _package_own(path: Path) -> bool:
    """Whether a file in the package folder is one a build wrote there: a module or
    ``py.typed`` under the header, never a table or any other kind of file."""
    kind = path.suffix == ".py" or path.name == "py.typed"
    return (kind or _LEFTOVER.fullmatch(path.name) is not None) and is_generated(path)


def _strays(output_dir: Path, expected: Iterable[PurePosixPath]) -> list[_Stray]:
    """What is in the package folder but not in ``expected`` (caches aside), sorted.

    Top-level files and everything below ``_runtime`` count; any other folder counts as one
    stray, never looked into: it may be another package, which is not this build's to touch.
    """
    if not output_dir.is_dir():
        return []
    keep = set(expected)
    strays = []
    for entry in sorted(output_dir.iterdir()):
        if entry.name == "__pycache__":
            continue
        relative = PurePosixPath(entry.name)
        if entry.is_dir() and entry.name == RUNTIME_FOLDER:
            strays.extend(_runtime_strays(output_dir, keep))
        elif entry.is_dir():
            strays.append(_Stray(relative, generated=False))
        elif relative not in keep:
            strays.append(_Stray(relative, generated=_package_own(entry)))
    return sorted(strays, key=lambda stray: stray.path)


def _runtime_strays(output_dir: Path, keep: set[PurePosixPath]) -> list[_Stray]:
    strays = []
    for folder, subfolders, names in os.walk(output_dir / RUNTIME_FOLDER):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        relative = PurePosixPath(Path(folder).relative_to(output_dir).as_posix())
        for name in sorted(names):
            if relative / name not in keep:
                strays.append(_Stray(relative / name, _package_own(Path(folder) / name)))
    return strays


def file_mode() -> int:
    """The mode ``open()`` would create a file with: 0o666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(
    path: Path, source: str, mode: int, check: Callable[[Path], object] | None = None
) -> None:
    """Write ``source`` to a temporary file beside ``path``, then rename it into place.

    ``check``, if given, is called with the temporary file before the rename: what it raises
    leaves ``path`` as it was, and no temporary file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp"
    )
    try:
        os.fchmod(descriptor, mode)  # mkstemp makes files only their owner can read
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(source)
        if check is not None:
            check(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_folders(folder: Path, output_dir: Path) -> None:
    while folder != output_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
