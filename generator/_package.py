"""The files of a generated package: the runtime copied, an ``__init__``, a module per spec.

Every file starts with a header that names where it came from and says not to edit it; that
header is how a build knows which files it may replace or remove.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ._emit import (
    ProviderModule,
    comment,
    emit_provider,
    info_source,
    provider_info,
    providers_table,
)
from ._model import ProviderSpec
from ._render import format_sources, template
from ._runtime_source import (
    OPTIONAL_MODULES,
    PARTS,
    REGISTRY_FUNCTIONS,
    RUNTIME_FOLDER,
    RUNTIME_SOURCE,
    part_files,
    public_names,
    with_needed_parts,
)

__all__ = [
    "HEADER_PREFIX",
    "TABLE_HEADER_PREFIX",
    "PackageInit",
    "emit_package",
    "header",
    "package_files",
    "render_provider",
    "table_file",
]

HEADER_PREFIX = "# Generated from "
"""How every generated file begins."""

TABLE_HEADER_PREFIX = "<!-- Generated from "
"""How the generated table of providers begins: the same words, as a Markdown comment."""


@dataclass(frozen=True)
class PackageInit:
    """What the package's ``__init__`` says: its providers, and the runtime names it exports."""

    header: str
    main_header: str
    package: str
    runtime: str
    providers: tuple[tuple[str, str], ...]
    """Each provider's module and class name, in module order."""
    infos: tuple[str, ...]
    """Each provider's ``ProviderInfo(...)`` expression, in the same order."""
    parts: frozenset[str]
    """The parts of the runtime the package carries besides its core."""
    exports: tuple[str, ...]
    """The runtime core's public names, which the package re-exports."""
    registry_functions: tuple[str, ...]
    """The package's functions that are its registry's methods, with the registry part."""
    all_names: tuple[str, ...]
    """Every name the package exports: the core's, and its parts'."""
    missing_names: dict[str, tuple[str, ...]]
    """The names of each part the package was built without, to say how to get them."""


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


def emit_package(specs: Iterable[ProviderSpec]) -> dict[str, ProviderModule]:
    """Each spec's module decided in full, by module name."""
    return {spec.module: emit_provider(spec) for spec in specs}


def package_files(
    specs: list[ProviderSpec],
    package: str,
    specs_source: str,
    *,
    modules: Iterable[str],
    parts: frozenset[str] = frozenset(),
    emitted: Mapping[str, ProviderModule] | None = None,
) -> dict[PurePosixPath, str]:
    """Every file of the package, by path inside it, with its source.

    ``modules`` names the provider modules to render (formatting them is the slow part); the
    runtime, ``__init__.py`` and ``py.typed`` always follow from all of ``specs``. ``parts``
    are the runtime's parts to carry besides its core (with those they need). ``emitted`` is
    ``emit_package(specs)``, when the caller has it already.
    """
    emitted = emit_package(specs) if emitted is None else emitted
    parts = with_needed_parts(parts)
    files = _runtime_files(emitted.values(), parts)
    ordered = sorted(specs, key=lambda spec: spec.module)
    exports = [name for part in sorted(parts) for name in PARTS[part].exports]
    init = PackageInit(
        header=header(specs_source, "Edit the specs, then regenerate."),
        main_header=header(specs_source, "Regenerated with the package."),
        package=package,
        runtime=RUNTIME_FOLDER,
        providers=tuple((spec.module, spec.class_name) for spec in ordered),
        infos=tuple(info_source(provider_info(spec, emitted[spec.module])) for spec in ordered),
        parts=parts,
        exports=tuple(public_names()),
        registry_functions=REGISTRY_FUNCTIONS,
        all_names=tuple(sorted([*public_names(), *exports])),
        missing_names={
            part: PARTS[part].exports
            for part in sorted(PARTS)
            if part not in parts and PARTS[part].exports
        },
    )
    # Laid out first and formatted together: ruff then starts twice in all, not twice a module.
    rendered = list(modules)
    laid_out = [
        ("__init__.py", template("package_init.py.jinja").render(init=init)),
        ("__main__.py", template("package_main.py.jinja").render(init=init)),
    ]
    laid_out.extend((f"{module}.py", _lay_out_module(emitted[module])) for module in rendered)
    init_source, main_source, *module_sources = format_sources(laid_out)
    files[PurePosixPath("__init__.py")] = init_source
    files[PurePosixPath("__main__.py")] = main_source
    files[PurePosixPath("py.typed")] = header(specs_source, "Marks the package as typed (PEP 561).")
    for module, source in zip(rendered, module_sources, strict=True):
        files[PurePosixPath(f"{module}.py")] = source
    return files


def table_file(
    specs: list[ProviderSpec], specs_source: str, emitted: Mapping[str, ProviderModule]
) -> str:
    """The Markdown table of the providers, its do-not-edit comment first; ``emitted`` is
    ``emit_package(specs)``, which says the variables each one reads."""
    source = comment(specs_source).replace("--", "- -")  # nothing may end the comment early
    edit = f"{source} by `python -m generator build`: do not edit by hand. -->"
    infos = [provider_info(spec, emitted[spec.module]) for spec in specs]
    return providers_table(infos, f"{TABLE_HEADER_PREFIX}{edit}\n")


def _runtime_files(
    modules: Iterable[ProviderModule], parts: frozenset[str]
) -> dict[PurePosixPath, str]:
    """The runtime's source with headers: the core and ``parts``, and optional files only where
    some module needs them."""
    used = frozenset().union(*(module.uses for module in modules))
    files = {}
    for path, source in part_files(parts).items():
        needed_for = OPTIONAL_MODULES.get(path)
        if needed_for is None or needed_for & used:
            origin = (RUNTIME_SOURCE / path).as_posix()
            edit = "A copy of the generator's runtime: edit its source, then regenerate."
            files[RUNTIME_FOLDER / path] = header(origin, edit) + source
    return files
