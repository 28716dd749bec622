"""The statement that computes each of a spec's values: the standard library's call for its
function (``hashlib``, ``hmac``, ``base64``, ``random``, ``time``, ``uuid``, ``json``), with
its templates as the expressions the request's own are."""

from __future__ import annotations

import functools

from .._model import (
    Digest,
    Encoded,
    Function,
    Hmac,
    JsonText,
    LastMessage,
    Length,
    MessagesBefore,
    Pick,
    PromptLines,
    RandomInteger,
    RandomText,
    Reversed,
    Table,
    TemplateString,
    Text,
    TimeNow,
    Today,
    Uuid,
    Value,
)
from ._expressions import Expressions
from ._source import CodeBuilder, literal

__all__ = ["value_statement"]

_Emitted = tuple[str, str]
"""An expression, and its type."""


def value_statement(value: Value, expressions: Expressions, code: CodeBuilder) -> str:
    """``name = expression`` for ``value``; the value's name and type are then known to
    ``expressions`` as a local, for the templates after it, and, when it is computed from a
    secret (a variable, a secret argument, what a step took), that it is a secret too."""
    expression, kind = _expression(value.function, value.name, expressions, code)
    expressions.locals[value.name] = kind
    if any(expressions.is_secret(template) for template in value.templates()):
        expressions.secret_names.add(value.name)
    return f"{value.name} = {expression}"


@functools.singledispatch
def _expression(
    function: Function, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    raise TypeError(f"no emitter for {type(function).__name__}")


@_expression.register
def _text(function: Text, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    return expressions.text(function.text), "str"


@_expression.register
def _digest(function: Digest, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    text = _bytes(expressions, function.text, code)
    hashed = f"{code.use('hashlib')}.{function.algorithm}({text})"
    return _encoded(hashed, function.encoding, code), "str"


@_expression.register
def _hmac(function: Hmac, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    key = _bytes(expressions, function.key, code)
    text = _bytes(expressions, function.text, code)
    signed = f"{code.use('hmac')}.new({key}, {text}, {code.use('hashlib')}.sha256)"
    return _encoded(signed, function.encoding, code), "str"


def _encoded(hashed: str, encoding: str, code: CodeBuilder) -> str:
    if encoding == "hex":
        return f"{hashed}.hexdigest()"
    return f"{code.use('base64')}.b64encode({hashed}.digest()).decode()"


@_expression.register
def _base64(function: Encoded, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    encoded = f"{code.use('base64')}.b64encode({_bytes(expressions, function.text, code)})"
    return f"{encoded}.decode()", "str"


@_expression.register
def _reversed(
    function: Reversed, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    return f"{_grouped(expressions.text(function.text))}[::-1]", "str"


@_expression.register
def _length(function: Length, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    return f"len({expressions.text(function.text)})", "int"


@_expression.register
def _random_text(
    function: RandomText, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    chosen = f"{code.use('random')}.choices({literal(function.alphabet)}, k={function.length})"
    return f'"".join({chosen})', "str"


@_expression.register
def _random_integer(
    function: RandomInteger, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    return f"{code.use('random')}.randint({function.low}, {function.high})", "int"


@_expression.register
def _pick(function: Pick, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    return f"{code.use('random')}.choice({literal(function.choices)})", "str"


@_expression.register
def _today(function: Today, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    time = code.use("time")
    clock = "gmtime" if function.zone == "utc" else "localtime"
    return f"{time}.strftime({literal(function.format)}, {time}.{clock}())", "str"


@_expression.register
def _time_now(
    function: TimeNow, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    time = code.use("time")
    if function.unit == "seconds":
        return f"int({time}.time())", "int"
    return f"int({time}.time() * 1000)", "int"


@_expression.register
def _uuid(function: Uuid, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    return f"str({code.use('uuid')}.uuid4())", "str"


@_expression.register
def _json(function: JsonText, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    separators = ', separators=(",", ":")' if function.compact else ""
    return f"{code.use('json')}.dumps({expressions.value(function.value)}{separators})", "str"


@_expression.register
def _table(function: Table, name: str, expressions: Expressions, code: CodeBuilder) -> _Emitted:
    entries = dict(function.entries)
    written = [*entries.values(), *([function.default] if function.has_default else [])]
    texts = all(isinstance(entry, str) for entry in written)
    constant = f"_{name}_table"
    annotation = "str" if texts else code.use("Any")
    code.define(constant, f"{constant}: dict[str, {annotation}] = {literal(entries)}")
    key = expressions.text(function.key)
    kind = "str" if texts else "object"
    if function.has_default and function.default is None:
        return f"{constant}.get({key})", "object"
    if function.has_default:
        return f"{constant}.get({key}, {literal(function.default)})", kind
    # A key that is a secret is not shown when the table lacks it.
    hidden = ", secret=True" if expressions.is_secret(function.key) else ""
    return f"_ENDPOINT.entry({literal(name)}, {constant}, {key}{hidden})", kind


@_expression.register
def _messages_before(
    function: MessagesBefore, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    return expressions.messages("messages[:-1]"), "list"


@_expression.register
def _last_message(
    function: LastMessage, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    arguments = "messages" if function.role is None else f"messages, {literal(function.role)}"
    return f"{code.use('last_message')}({arguments})", "str"


@_expression.register
def _prompt(
    function: PromptLines, name: str, expressions: Expressions, code: CodeBuilder
) -> _Emitted:
    lines = expressions.message_lines(function.line, dict(function.roles))
    joined = f"{literal(function.separator)}.join({lines})"
    return (f"{joined} + {literal(function.end)}" if function.end else joined), "str"


def _bytes(expressions: Expressions, template: TemplateString, code: CodeBuilder) -> str:
    return f"{code.use('utf8')}({expressions.text(template)})"


def _grouped(expression: str) -> str:
    """``expression`` in parentheses where a method call on it needs them: a concatenation."""
    return f"({expression})" if " + " in expression else expression
