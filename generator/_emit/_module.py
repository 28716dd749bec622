"""A :class:`ProviderSpec` in, :class:`ProviderModule` out: the module, decided in full.

Every expression, every statement, every definition's source and the one set of imports are
made here; the template only lays them out.

A spec of one request streams it with ``_ENDPOINT.stream``. A spec with steps, or a WebSocket,
makes a call of several exchanges: ``create_async_generator`` opens it with ``_ENDPOINT.call``
and hands it the ``_exchanges`` method, whose body reads as the flow does: each step an awaited
``call.fetch`` and the values it takes, then the streamed exchange.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .._model import (
    CALL_OPTIONS,
    URL_LOCAL,
    AwsSigV4Spec,
    GoogleAuthSpec,
    Parameter,
    Placeholder,
    ProviderSpec,
    Request,
    RetrySettings,
    TimeoutSettings,
    WebSocketSpec,
)
from ..runtime._aws import ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE, SESSION_TOKEN_VARIABLE
from ._expressions import Expressions
from ._framing import framing_call
from ._source import CodeBuilder, comment, literal
from ._steps import step_statements
from ._values import value_statement

__all__ = ["Argument", "Attribute", "Exchanges", "ProviderModule", "emit_provider"]

_OPTION_ANNOTATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: its annotation, and the names the annotation needs imported
    "session": ("aiohttp.ClientSession | None", ("aiohttp",)),
    "proxy": ("str | None", ()),
    "timeout": ("float | Timeouts | None", ("Timeouts",)),
    "base_url": ("str | Mapping[str, str] | None", ("Mapping",)),
    "max_retries": ("int | None", ()),
}
"""The keyword arguments every provider takes besides the spec's (the runtime's
``CALL_OPTIONS``), passed on to the endpoint."""

_DOC_WIDTH = 88
"""Characters of a docstring line, so that it ends within the line length at its indent."""

_EXTRA_KWARGS_DOC = {
    "merge": "Other keyword arguments are merged into the top level of the JSON body.",
    "ignore": "Other keyword arguments are accepted and ignored.",
    "reject": "Other keyword arguments are rejected with a TypeError.",
}


@dataclass(frozen=True)
class Argument:
    """One argument of a method; ``default`` is None for a required one."""

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
class Exchanges:
    """The ``_exchanges`` method of a call of several exchanges."""

    arguments: tuple[Argument, ...]
    returns: str
    doc: str
    statements: tuple[str, ...]
    """Each statement's source; one may span lines (a block), indented from its first."""


@dataclass(frozen=True)
class ProviderModule:
    """One provider module, every piece of it Python source, for the template to lay out."""

    source: str
    class_name: str
    base_class: str
    imports: tuple[str, ...]
    definitions: tuple[str, ...]
    """Functions, classes and constants the module defines before its class (walks, shapes,
    steps, tables)."""
    endpoint_call: str
    """The expression of the module's ``Endpoint``."""
    attributes: tuple[Attribute, ...]
    positional: tuple[Argument, ...]
    keywords: tuple[Argument, ...]
    kwargs: Argument | None
    kwargs_doc: str
    returns: str
    statements: tuple[str, ...]
    """``create_async_generator``'s statements, the ``return`` last; one may span lines."""
    exchanges: Exchanges | None
    """The method of the call's exchanges, when it makes several; else None."""
    uses: frozenset[str]
    """Every name the module imports, so a package knows which optional runtime files it needs."""
    secrets: tuple[str, ...]
    """The environment variables the requests read, in the order they read them (those read
    only if set, last)."""


def emit_provider(spec: ProviderSpec) -> ProviderModule:
    """Decide every line of the provider module for ``spec``."""
    code = CodeBuilder()
    expressions = Expressions(spec, code)
    flow = bool(spec.steps) or isinstance(spec.framing, WebSocketSpec)
    accepts_kwargs = spec.request.extra_kwargs != "reject"
    if flow:
        statements, exchanges = _flow(spec, expressions, code)
    else:
        statements, exchanges = _one_request(spec, expressions, code), None
    endpoint = _endpoint_call(spec, expressions, code)
    any_type = code.use("Any") if accepts_kwargs else "Any"
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
        keywords=(*map(_argument, spec.request.parameters), *_call_options(code)),
        kwargs=Argument("kwargs", any_type) if accepts_kwargs else None,
        kwargs_doc=_EXTRA_KWARGS_DOC[spec.request.extra_kwargs],
        returns=code.use("TextStream"),
        statements=tuple(statements),
        exchanges=exchanges,
        # Last: every name above has been used by now.
        imports=code.imports,
        uses=code.names,
        secrets=_variables(spec, expressions),
    )


def _one_request(spec: ProviderSpec, expressions: Expressions, code: CodeBuilder) -> list[str]:
    """``create_async_generator``'s statements for one request, streamed by the endpoint."""
    values = [value_statement(value, expressions, code) for value in spec.values]
    request_statements, arguments = _request(spec.request, expressions, code)
    if isinstance(spec.auth, AwsSigV4Spec):
        request_statements.append(_aws_sigv4(spec.auth, expressions, code))
        arguments.append("auth=signer")
    elif isinstance(spec.auth, GoogleAuthSpec):
        request_statements.append(_google(spec, spec.auth, code))
        arguments.append("auth=signer")
    options = [f"{name}={name}" for name in CALL_OPTIONS]
    secret = _secret_values(sorted(expressions.secret_names))
    stream = _call_lines("return _ENDPOINT.stream", [*arguments, *options, *secret])
    return [*expressions.statements(), *values, *request_statements, stream]


def _aws_sigv4(auth: AwsSigV4Spec, expressions: Expressions, code: CodeBuilder) -> str:
    """``signer = AwsSigV4(...)``: the call's signer, with the credentials of the environment
    read now (a missing one says where the call was going)."""
    access_key, secret_key = (
        expressions.placeholder(Placeholder("env", variable))[0]
        for variable in (ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE)
    )
    token = f"{code.use('os')}.environ.get({literal(SESSION_TOKEN_VARIABLE)}) or None"
    credentials = _call_lines(code.use("AwsCredentials"), [access_key, secret_key, token])
    signer = [literal(auth.service), expressions.text(auth.region), credentials]
    return _call_lines(f"signer = {code.use('AwsSigV4')}", signer)


def _flow(
    spec: ProviderSpec, expressions: Expressions, code: CodeBuilder
) -> tuple[list[str], Exchanges]:
    """``create_async_generator``'s statements for a call of several exchanges, and the
    method that makes them."""
    body = _values(spec, -1, expressions, code)
    for index, step in enumerate(spec.steps):
        body += step_statements(step, spec.class_name, expressions, code)
        body += _values(spec, index, expressions, code)
    request_statements, arguments = _request(spec.request, expressions, code)
    body += request_statements
    if isinstance(spec.framing, WebSocketSpec):
        sends = _sends(spec.request, expressions, code)
        headers, _, *url = arguments  # a WebSocket sends its messages, not a body
        streamed = _call_lines(
            "async for items in call.websocket", ["_ENDPOINT", headers, sends, *url]
        )
    else:
        streamed = _call_lines("async for items in call.streamed", ["_ENDPOINT", *arguments])
    body += [f"{streamed}:\n    yield items"]
    passed = spec.request.parameters
    stream_item = code.use("StreamItem")
    exchanges = Exchanges(
        arguments=(
            Argument("call", code.use("Call")),
            Argument("model", "str"),
            Argument("messages", f"{code.use('Sequence')}[{code.use('Message')}]"),
            *(Argument(p.name, _annotation(p)) for p in passed),
            *([Argument("kwargs", f"dict[str, {code.use('Any')}]")] if _merges(spec) else []),
        ),
        returns=f"{code.use('AsyncGenerator')}[list[{stream_item}], None]",
        doc=_flow_doc(spec),
        # A missing variable's error names where the call was going: its base_url.
        statements=(*expressions.statements(), *_base_url_local(expressions), *body),
    )
    secret = _secret_values([p.name for p in spec.request.parameters if p.secret])
    call = _call_lines(
        "call = _ENDPOINT.call", [f"{name}={name}" for name in CALL_OPTIONS] + secret
    )
    handed = ", ".join(
        ["call", "model", "messages", *(p.name for p in passed)]
        + (["kwargs"] if _merges(spec) else [])
    )
    return [call, f"return call.answer(lambda: cls._exchanges({handed}))"], exchanges


def _request(
    request: Request, expressions: Expressions, code: CodeBuilder
) -> tuple[list[str], list[str]]:
    """The statements that build the streamed request's headers, body and URL, and the
    arguments that hand them over."""
    url = expressions.url(request)
    statements = [] if url is None else [f"{URL_LOCAL} = {url}"]
    statements.append(_dict_lines("headers: dict[str, str]", expressions.headers(request)))
    body = expressions.body(request)
    if body is not None:
        statements.append(f"body: dict[str, {code.use('Any')}] = {body}")
    arguments = ["headers", "None" if body is None else "body"]
    if url is not None:
        arguments.append(f"url={URL_LOCAL}")
    return statements, arguments


def _sends(request: Request, expressions: Expressions, code: CodeBuilder) -> str:
    """What a WebSocket request sends once connected, as a tuple of texts and waits."""
    items = []
    for send in request.send:
        if send.kind == "wait":
            items.append(f"{code.use('Wait')}({send.count})")
        elif send.kind == "json":
            items.append(f"{code.use('json')}.dumps({expressions.value(send.value)})")
        else:
            assert isinstance(send.value, tuple)  # a text's template
            items.append(expressions.text(send.value))
    return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"


def _merges(spec: ProviderSpec) -> bool:
    return spec.request.extra_kwargs == "merge"


def _flow_doc(spec: ProviderSpec) -> str:
    """The docstring of ``_exchanges``, wrapped: what it makes, in order."""
    streamed = (
        "the WebSocket" if isinstance(spec.framing, WebSocketSpec) else "the streamed request"
    )
    steps = ", ".join(step.name for step in spec.steps)
    order = (
        f"Step {steps}, then {streamed}"
        if len(spec.steps) == 1
        else f"Steps {steps}, then {streamed}"
    )
    text = comment(
        f"{order if spec.steps else streamed.capitalize()}: the call's exchanges, in order."
    )
    lines = textwrap.wrap(text, _DOC_WIDTH)
    return lines[0] if len(lines) == 1 else "\n".join([*lines, ""])


def _base_url_local(expressions: Expressions) -> list[str]:
    return ["base_url = call.options.base_url"] if expressions.secrets else []


def _values(
    spec: ProviderSpec, after_step: int, expressions: Expressions, code: CodeBuilder
) -> list[str]:
    """The statements of the values computed right after step ``after_step`` (-1: before the
    first), each computed from a secret kept secret by the call."""
    statements = []
    for value in spec.values:
        if value.after_step == after_step:
            statements.append(value_statement(value, expressions, code))
            if value.name in expressions.secret_names:
                statements.append(f"call.hide({value.name}, {literal(value.name)})")
    return statements


def _secret_values(names: list[str]) -> list[str]:
    """``secret_values=``: the secrets the call is handed, by name."""
    if not names:
        return []
    return ["secret_values={" + ", ".join(f"{literal(name)}: {name}" for name in names) + "}"]


def _dict_lines(target: str, entries: tuple[tuple[str, str], ...]) -> str:
    """``target = {...}``, an entry a line."""
    lines = [f"{target} = {{", *(f"    {key}: {value}," for key, value in entries), "}"]
    return "\n".join(lines)


def _call_lines(callee: str, arguments: list[str]) -> str:
    """``callee(...)``, an argument a line."""
    return "\n".join([f"{callee}(", *(f"    {argument}," for argument in arguments), ")"])


def _endpoint_call(spec: ProviderSpec, expressions: Expressions, code: CodeBuilder) -> str:
    request = spec.request
    return code.call(
        "Endpoint",
        [
            ("provider", literal(spec.class_name)),
            ("method", literal(request.method)),
            ("url", literal(expressions.static_url(request) or request.url)),
            ("framing", framing_call(spec.framing, code)),
            *_body_format(spec),
            *_secrets(spec, expressions),
            *_max_response_bytes(spec),
            *_settings(code, "timeouts", "Timeouts", spec.timeouts),
            *_settings(code, "retries", "Retries", spec.retries),
        ],
    )


def _google(spec: ProviderSpec, auth: GoogleAuthSpec, code: CodeBuilder) -> str:
    """``signer = GoogleAuth(...)``: the call's token, of the key file the variable names
    (None: the application default credentials), its request moved with the call's
    ``base_url`` and ``proxy``."""
    key_file = "None"
    if auth.key_file_variable is not None:
        key_file = f"{code.use('os')}.environ.get({literal(auth.key_file_variable)})"
    arguments = [literal(spec.class_name), key_file, literal(auth.scopes), "base_url", "proxy"]
    return _call_lines(f"signer = {code.use('GoogleAuth')}", arguments)


def _secrets(spec: ProviderSpec, expressions: Expressions) -> list[tuple[str, str]]:
    """``secrets=``: the variables whose values the call keeps out of what it shows."""
    secrets = _variables(spec, expressions)
    return [("secrets", literal(secrets))] if secrets else []


def _variables(spec: ProviderSpec, expressions: Expressions) -> tuple[str, ...]:
    """The environment variables the call reads: those it needs, then those it reads if they
    are set (AWS's session token)."""
    optional = [SESSION_TOKEN_VARIABLE] if isinstance(spec.auth, AwsSigV4Spec) else []
    if isinstance(spec.auth, GoogleAuthSpec) and spec.auth.key_file_variable is not None:
        optional.append(spec.auth.key_file_variable)
    return (*expressions.secrets, *optional)


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


def _annotation(parameter: Parameter) -> str:
    return f"{parameter.type} | None" if parameter.optional else parameter.type


def _argument(parameter: Parameter) -> Argument:
    default = None if parameter.required else literal(parameter.default)
    return Argument(parameter.name, _annotation(parameter), default, comment(parameter.description))


def _call_options(code: CodeBuilder) -> tuple[Argument, ...]:
    arguments = []
    for name in CALL_OPTIONS:
        annotation, imports = _OPTION_ANNOTATIONS[name]
        for imported in imports:
            code.use(imported)
        arguments.append(Argument(name, annotation, "None"))
    return tuple(arguments)
