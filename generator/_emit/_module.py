"""A :class:`ProviderSpec` in, :class:`ProviderModule` out: the module, decided in full.

Every expression, every definition's source and the one set of imports are made here; the
template only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._model import (
    CALL_OPTIONS,
    URL_LOCAL,
    Parameter,
    ProviderSpec,
    RetrySettings,
    TimeoutSettings,
)
from ._expressions import Expressions
from ._framing import framing_call
from ._source import CodeBuilder, comment, literal

__all__ = ["Argument", "Attribute", "ProviderModule", "emit_provider"]

_OPTION_ANNOTATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: its annotation, and the names the annotation needs imported
    "session": ("aiohttp.ClientSession | None", ("aiohttp",)),
    "proxy": ("str | None", ()),
    "timeout": ("float | Timeouts | None", ("Timeouts",)),
    "base_url": ("str | None", ()),
    "max_retries": ("int | None", ()),
}
"""The keyword arguments every provider takes besides the spec's (the runtime's
``CALL_OPTIONS``), passed on to the endpoint."""

_EXTRA_KWARGS_DOC = {
    "merge": "Other keyword arguments are merged into the top level of the JSON body.",
    "ignore": "Other keyword arguments are accepted and ignored.",
    "reject": "Other keyword arguments are rejected with a TypeError.",
}


@dataclass(frozen=True)
class Argument:
    """One argument of ``create_async_generator``; ``default`` is None for a required one."""

    name: str
    annotation: str
    default: str | None = None
    comment: str = ""


@dataclass(frozen=True)
class Attribute:
    """One class attribute of the provider."""

    name: str
    annotation: str
    value: str


@dataclass(frozen=True)
class ProviderModule:
    """One provider module, every piece of it Python source, for the template to lay out."""

    source: str
    class_name: str
    base_class: str
    imports: tuple[str, ...]
    definitions: tuple[str, ...]
    """Functions and classes the module defines before its class (walks, shapes, selectors)."""
    endpoint_call: str
    """The expression of the module's ``Endpoint``."""
    attributes: tuple[Attribute, ...]
    positional: tuple[Argument, ...]
    keywords: tuple[Argument, ...]
    kwargs: Argument | None
    kwargs_doc: str
    returns: str
    statements: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    body_annotation: str
    body: str | None
    """The body's expression; None when the request has no body."""
    stream_arguments: tuple[str, ...]
    uses: frozenset[str]
    """Every name the module imports, so a package knows which optional runtime files it needs."""
    secrets: tuple[str, ...]
    """The environment variables the request reads, in the order it reads them."""


def emit_provider(spec: ProviderSpec) -> ProviderModule:
    """Decide every line of the provider module for ``spec``."""
    code = CodeBuilder()
    request = spec.request
    expressions = Expressions(spec, code)
    url = expressions.url()
    headers = tuple((literal(name), expressions.text(value)) for name, value in request.headers)
    body = expressions.body()
    statements = expressions.statements()
    if url is not None:
        statements.append(f"{URL_LOCAL} = {url}")
    endpoint = code.call(
        "Endpoint",
        [
            ("provider", literal(spec.class_name)),
            ("method", literal(request.method)),
            ("url", literal(expressions.static_url() or request.url)),
            ("framing", framing_call(spec.framing, code)),
            *_body_format(spec),
            *([("secrets", literal(tuple(expressions.secrets)))] if expressions.secrets else []),
            *_max_response_bytes(spec),
            *_settings(code, "timeouts", "Timeouts", spec.timeouts),
            *_settings(code, "retries", "Retries", spec.retries),
        ],
    )
    accepts_kwargs = request.extra_kwargs != "reject"
    any_type = code.use("Any") if body is not None or accepts_kwargs else "Any"
    return ProviderModule(
        source=spec.source,
        class_name=spec.class_name,
        base_class=code.use("AsyncGeneratorProvider"),
        definitions=code.definitions,
        endpoint_call=endpoint,
        attributes=_attributes(spec, code),
        positional=(
            Argument("model", "str"),
            Argument("messages", f"{code.use('Sequence')}[{code.use('Message')}]"),
        ),
        keywords=(*map(_argument, request.parameters), *_call_options(code)),
        kwargs=Argument("kwargs", any_type) if accepts_kwargs else None,
        kwargs_doc=_EXTRA_KWARGS_DOC[request.extra_kwargs],
        returns=code.use("TextStream"),
        statements=tuple(statements),
        headers=headers,
        body_annotation=f"dict[str, {any_type}]",
        body=body,
        stream_arguments=(
            "headers",
            "None" if body is None else "body",
            *([] if url is None else [f"url={URL_LOCAL}"]),
            *(f"{name}={name}" for name in CALL_OPTIONS),
        ),
        # Last: every name above has been used by now.
        imports=code.imports,
        uses=code.names,
        secrets=tuple(expressions.secrets),
    )


def _max_response_bytes(spec: ProviderSpec) -> list[tuple[str, str]]:
    limit = spec.max_response_bytes
    return [] if limit is None else [("max_response_bytes", literal(limit))]


def _body_format(spec: ProviderSpec) -> list[tuple[str, str]]:
    body_format = spec.request.body_format
    return [] if body_format == "json" else [("body_format", literal(body_format))]


def _settings(
    code: CodeBuilder, name: str, callee: str, settings: TimeoutSettings | RetrySettings
) -> list[tuple[str, str]]:
    """``name=callee(...)`` with the values the spec gives, or nothing when it gives none."""
    given = settings.items()
    if not given:
        return []
    return [(name, code.call(callee, [(key, literal(value)) for key, value in given]))]


def _attributes(spec: ProviderSpec, code: CodeBuilder) -> tuple[Attribute, ...]:
    class_var = code.use("ClassVar")
    values: list[tuple[str, str, object]] = [
        ("description", "str", spec.description),
        ("url", "str", spec.url),
        ("working", "bool", spec.working),
        ("supports_stream", "bool", spec.supports_stream),
        ("supports_gpt_35_turbo", "bool", spec.supports_gpt_35_turbo),
        ("supports_gpt_4", "bool", spec.supports_gpt_4),
        ("supports_message_history", "bool", spec.supports_message_history),
        ("default_model", "str | None", spec.default_model),
        ("models", "tuple[str, ...]", spec.models),
    ]
    return tuple(
        Attribute(name, f"{class_var}[{annotation}]", literal(value))
        for name, annotation, value in values
    )


def _argument(parameter: Parameter) -> Argument:
    annotation = f"{parameter.type} | None" if parameter.optional else parameter.type
    default = None if parameter.required else literal(parameter.default)
    return Argument(parameter.name, annotation, default, comment(parameter.description))


def _call_options(code: CodeBuilder) -> tuple[Argument, ...]:
    arguments = []
    for name in CALL_OPTIONS:
        annotation, imports = _OPTION_ANNOTATIONS[name]
        for imported in imports:
            code.use(imported)
        arguments.append(Argument(name, annotation, "None"))
    return tuple(arguments)
