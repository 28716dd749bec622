"""What a package says of its providers: the registry entries of its ``__init__``, and a table.

Both come from the same specs, so ``python -m generated --list``, ``find_providers`` and the
Markdown table (``docs/providers.md`` in this project) never disagree. The entries are the
runtime's own ``ProviderInfo`` values, made here and written out as the calls that make them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .._model import Parameter, ProviderSpec
from ..runtime._registry import ParameterInfo, ProviderInfo
from ._module import ProviderModule
from ._source import literal

__all__ = ["info_source", "provider_info", "providers_table"]


def provider_info(spec: ProviderSpec, module: ProviderModule) -> ProviderInfo:
    """What the package's registry says of ``spec``'s provider."""
    return ProviderInfo(
        name=spec.class_name,
        module=spec.module,
        description=spec.description,
        url=spec.url,
        endpoint=_endpoint(spec),
        framing=spec.framing.name,
        working=spec.working,
        default_model=spec.default_model,
        models=spec.served_models,
        secrets=module.secrets,
        parameters=tuple(map(_parameter_info, spec.request.parameters)),
        extra_kwargs=spec.request.extra_kwargs,
    )


def _parameter_info(parameter: Parameter) -> ParameterInfo:
    return ParameterInfo(
        name=parameter.name,
        type=parameter.type,
        required=parameter.required,
        default=parameter.default,
        description=parameter.description,
    )


def info_source(info: ProviderInfo) -> str:
    """``ProviderInfo(...)``: the call that makes ``info``, in the package's ``__init__``."""
    return _call(info)


def _call(value: object) -> str:
    """A dataclass value as the call of its class with the fields not at their defaults; any
    other value as its literal."""
    if isinstance(value, tuple):
        items = [_call(item) for item in value]
        return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return literal(value)
    arguments = [
        f"{field.name}={_call(getattr(value, field.name))}"
        for field in dataclasses.fields(value)
        if field.default is dataclasses.MISSING or getattr(value, field.name) != field.default
    ]
    return f"{type(value).__name__}({', '.join(arguments)})"


def _endpoint(spec: ProviderSpec) -> str:
    return f"{spec.request.method} {spec.request.url}"


def providers_table(infos: Sequence[ProviderInfo], header: str) -> str:
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
    for info in sorted(infos, key=lambda each: each.name):
        cells = [
            f"`{info.name}` (`{info.module}`)",
            info.url,
            f"`{info.endpoint}`",
            ", ".join(f"`{model}`" for model in info.models) or "any model",
            info.framing,
            ", ".join(f"`{name}`" for name in info.secrets) or "none",
            "yes" if info.working else "no",
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """``text`` safe in one table cell: one line, no column break, no HTML."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
