"""The runtime's source files, as the generator copies them and reads their exported names.

A package gets the runtime's core, and the files of the parts its build asks for
(``runtime/_parts.py`` says which files each part has).
"""

from __future__ import annotations

import ast
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import PurePosixPath

from .runtime._chat import PACKAGE_COMMANDS
from .runtime._parts import PARTS, REGISTRY_FUNCTIONS

__all__ = [
    "OPTIONAL_MODULES",
    "PACKAGE_NAMES",
    "PARTS",
    "REGISTRY_FUNCTIONS",
    "RUNTIME_FOLDER",
    "RUNTIME_SOURCE",
    "exported_names",
    "part_files",
    "public_names",
    "runtime_sources",
    "with_needed_parts",
]

RUNTIME_SOURCE = PurePosixPath("generator/runtime")
"""Where the runtime's source lives in this project, as generated headers name it."""

RUNTIME_FOLDER = "_runtime"
"""The subpackage of every generated package that holds its copy of the runtime."""

OPTIONAL_MODULES = {
    PurePosixPath("_fallback.py"): frozenset({"fallback_nodes"}),
    PurePosixPath("_aws.py"): frozenset({"AwsSigV4"}),
    PurePosixPath("_eventstream.py"): frozenset({"EventStreamFraming"}),
    PurePosixPath("_google.py"): frozenset({"GoogleAuth"}),
}
"""Runtime files copied only into packages that use one of the names each provides."""

PACKAGE_NAMES: dict[str, str] = {
    **{name: "a name the package exports" for part in PARTS.values() for name in part.exports},
    **{name: "a function of the package" for name in REGISTRY_FUNCTIONS},
    **{command: f"the command python -m PACKAGE {command}" for command in PACKAGE_COMMANDS},
}
"""Names a package's top level may hold besides its provider modules, with what each is."""


def with_needed_parts(parts: frozenset[str]) -> frozenset[str]:
    """``parts`` and every part one of them needs."""
    needed = set(parts)
    while missing := {need for part in needed for need in PARTS[part].needs} - needed:
        needed |= missing
    return frozenset(needed)


def part_files(parts: frozenset[str]) -> dict[PurePosixPath, str]:
    """The runtime's files a package with ``parts`` carries: the core's and those parts'."""
    optional = {file: part for part, each in PARTS.items() for file in each.files}
    return {
        path: source
        for path, source in runtime_sources().items()
        if optional.get(path.as_posix(), "") in {"", *parts}
    }


@cache
def runtime_sources() -> dict[PurePosixPath, str]:
    """Every source file of the runtime, by its path inside the runtime package, sorted."""
    files: dict[PurePosixPath, str] = {}
    _collect(resources.files("generator.runtime"), PurePosixPath(), files)
    return dict(sorted(files.items()))


def _collect(folder: Traversable, prefix: PurePosixPath, files: dict[PurePosixPath, str]) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            _collect(entry, prefix / entry.name, files)
        elif entry.name.endswith(".py"):
            files[prefix / entry.name] = entry.read_text(encoding="utf-8")


@cache
def exported_names() -> dict[str, str]:
    """The names each top-level runtime module or subpackage exports in ``__all__``.

    Maps each name to the module (``_endpoint``, ``_framings``, ...) a generated module imports
    it from. The runtime package's own ``__init__`` re-exports a public subset and is left out.
    The source is read, not imported: no runtime dependency is loaded to know a name.
    """
    names: dict[str, str] = {}
    for path, source in runtime_sources().items():
        module = _top_level_module(path)
        if module is None:
            continue
        for name in _all_of(source, path):
            if names.setdefault(name, module) != module:
                raise RuntimeError(f"runtime modules {names[name]} and {module} both export {name}")
    return names


def public_names() -> list[str]:
    """The names the runtime package exports to callers: its ``__init__``'s ``__all__``."""
    path = PurePosixPath("__init__.py")
    return _all_of(runtime_sources()[path], path)


def _top_level_module(path: PurePosixPath) -> str | None:
    """``_endpoint.py`` -> ``_endpoint``; ``_framings/__init__.py`` -> ``_framings``; else None."""
    if len(path.parts) == 1 and path.name != "__init__.py":
        return path.stem
    if len(path.parts) == 2 and path.name == "__init__.py":
        return path.parts[0]
    return None


def _all_of(source: str, path: PurePosixPath) -> list[str]:
    for statement in ast.parse(source, str(path)).body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in statement.targets
        ):
            names = ast.literal_eval(statement.value)
            return [str(name) for name in names]
    raise RuntimeError(f"runtime module {path} has no __all__")
