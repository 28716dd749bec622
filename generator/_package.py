"""The files of a generated package: the runtime copied, an ``__init__``, a module per spec.

Every file starts with a header that names where it came from and says not to edit it; that
header is how a build knows which files it may replace or remove.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ._codegen import comment
from ._emit import ProviderModule, emit_provider
from ._model import ProviderSpec
from ._render import format_sources, template
from ._runtime_source import (
    OPTIONAL_MODULES,
    RUNTIME_FOLDER,
    RUNTIME_SOURCE,
    public_names,
    runtime_sources,
)

__all__ = ["HEADER_PREFIX", "PackageInit", "header", "package_files", "render_provider"]

HEADER_PREFIX = "# Generated from "
"""How every generated file begins."""


@dataclass(frozen=True)
class PackageInit:
    """What the package's ``__init__`` says: its providers, and the runtime names it exports."""

    header: str
    package: str
    runtime: str
    providers: tuple[tuple[str, str], ...]
    exports: tuple[str, ...]


def header(source: str, edit: str) -> str:
    """The first lines of a generated file: where it came from, and what to edit instead."""
    return (
        f"{HEADER_PREFIX}{comment(source)} by `python -m generator build`: do not edit by hand.\n"
        f"# {edit}\n"
    )


def render_provider(spec: ProviderSpec) -> str:
    """The source of ``spec``'s provider module, formatted; byte-identical for the same spec."""
    [source] = format_sources([(f"{spec.module}.py", _lay_out_module(emit_provider(spec)))])
    return source


def _lay_out_module(module: ProviderModule) -> str:
    """The module's source as the template lays it out, before ruff formats it."""
    spec_header = header(module.source, "Edit the spec, then regenerate.")
    return template("provider.py.jinja").render(header=spec_header, module=module)


def package_files(
    specs: list[ProviderSpec], package: str, specs_source: str, *, modules: Iterable[str]
) -> dict[PurePosixPath, str]:
    """Every file of the package, by path inside it, with its source.

    ``modules`` names the provider modules to render (formatting them is the slow part); the
    runtime, ``__init__.py`` and ``py.typed`` always follow from all of ``specs``.
    """
    emitted = {spec.module: emit_provider(spec) for spec in specs}
    files = _runtime_files(emitted.values())
    init = PackageInit(
        header=header(specs_source, "Edit the specs, then regenerate."),
        package=package,
        runtime=RUNTIME_FOLDER,
        providers=tuple(sorted((spec.module, spec.class_name) for spec in specs)),
        exports=tuple(public_names()),
    )
    # Laid out first and formatted together: ruff then starts twice in all, not twice a module.
    rendered = list(modules)
    laid_out = [("__init__.py", template("package_init.py.jinja").render(init=init))]
    laid_out.extend((f"{module}.py", _lay_out_module(emitted[module])) for module in rendered)
    init_source, *module_sources = format_sources(laid_out)
    files[PurePosixPath("__init__.py")] = init_source
    files[PurePosixPath("py.typed")] = header(specs_source, "Marks the package as typed (PEP 561).")
    for module, source in zip(rendered, module_sources, strict=True):
        files[PurePosixPath(f"{module}.py")] = source
    return files


def _runtime_files(modules: Iterable[ProviderModule]) -> dict[PurePosixPath, str]:
    """The runtime's source with headers; optional files only where some module needs them."""
    used = frozenset().union(*(module.uses for module in modules))
    files = {}
    for path, source in runtime_sources().items():
        needed_for = OPTIONAL_MODULES.get(path)
        if needed_for is None or needed_for & used:
            origin = (RUNTIME_SOURCE / path).as_posix()
            edit = "A copy of the generator's runtime: edit its source, then regenerate."
            files[RUNTIME_FOLDER / path] = header(origin, edit) + source
    return files
