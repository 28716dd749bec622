"""What a package says of its providers: the registry entries of its ``__init__``, and a table.

Both come from the same specs, so ``python -m generated --list``, ``find_providers`` and the
Markdown table (``docs/providers.md`` in this project) never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._codegen import literal
from ._emit import ProviderModule
from ._model import Parameter, ProviderSpec

__all__ = ["info_source", "providers_table", "served_models"]


def info_source(spec: ProviderSpec, module: ProviderModule) -> str:
    """The ``ProviderInfo(...)`` expression that describes ``spec`` in the package's registry."""
    fields: list[tuple[str, object]] = [
        ("name", spec.class_name),
        ("module", spec.module),
        ("description", spec.description),
        ("url", spec.url),
        ("endpoint", _endpoint(spec)),
        ("framing", spec.framing.name),
        ("working", spec.working),
        ("default_model", spec.default_model),
        ("models", served_models(spec)),
        ("auth", module.secrets),
    ]
    arguments = [f"{name}={literal(value)}" for name, value in fields]
    parameters = ", ".join(_parameter_source(parameter) for parameter in spec.parameters)
    arguments.append(f"parameters=({parameters}{',' if len(spec.parameters) == 1 else ''})")
    arguments.append(f"extra_kwargs={literal(spec.extra_kwargs)}")
    return f"ProviderInfo({', '.join(arguments)})"


def _parameter_source(parameter: Parameter) -> str:
    arguments = [f"name={literal(parameter.name)}", f"type={literal(parameter.type)}"]
    if parameter.required:
        arguments.append("required=True")
    elif parameter.default is not None:
        arguments.append(f"default={literal(parameter.default)}")
    if parameter.description:
        arguments.append(f"description={literal(parameter.description)}")
    return f"ParameterInfo({', '.join(arguments)})"


def _endpoint(spec: ProviderSpec) -> str:
    return f"{spec.method} {spec.endpoint_url}"


def providers_table(
    specs: Sequence[ProviderSpec], modules: Mapping[str, ProviderModule], header: str
) -> str:
    """The Markdown table of every provider, in name order, below ``header`` (an HTML comment).

    It says nothing of the package it is built with, so a build into another folder writes
    the same table.
    """
    lines = [
        header,
        "# Providers",
        "",
        "Every provider the specs describe, as `python -m PACKAGE --list` lists them. "
        "`python -m generator build` writes this table from the specs: edit those instead.",
        "",
        "| provider | site | endpoint | models | framing | auth variable | working |",
        "|---|---|---|---|---|---|---|",
    ]
    for spec in sorted(specs, key=lambda each: each.class_name):
        secrets = modules[spec.module].secrets
        cells = [
            f"`{spec.class_name}` (`{spec.module}`)",
            spec.url,
            f"`{_endpoint(spec)}`",
            ", ".join(f"`{model}`" for model in served_models(spec)) or "any model",
            spec.framing.name,
            ", ".join(f"`{name}`" for name in secrets) or "none",
            "yes" if spec.working else "no",
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def served_models(spec: ProviderSpec) -> tuple[str, ...]:
    """The models the spec names: its list, the default model first if the list lacks it."""
    if spec.default_model is None or spec.default_model in spec.models:
        return spec.models
    return (spec.default_model, *spec.models)


def _cell(text: str) -> str:
    """``text`` safe in one table cell: one line, no column break, no HTML."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
