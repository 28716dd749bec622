"""The statements that make each step of a spec and take its values: plain awaited calls.

A step is a module constant (``Step``) and, in the call's exchanges, ``answer = await
call.fetch(...)`` followed by one assignment per value taken: a JSONPath compiled into a
function of lookups, a regular expression compiled once, a header or a cookie. A cached step's
values come from its ``StepCache`` when it has them.
"""

from __future__ import annotations

from .._model import CompiledPath, FromCookie, FromHeader, FromJson, FromMatch, StepSpec, Take
from ._expressions import Expressions
from ._source import CodeBuilder, comment, literal
from ._walk import lookup

__all__ = ["step_statements"]


def step_statements(
    step: StepSpec, provider: str, expressions: Expressions, code: CodeBuilder
) -> list[str]:
    """The statements of ``step`` in the exchanges; its values are then locals of theirs."""
    constant = _constant(step, provider, expressions, code)
    request = step.request
    headers = "{" + ", ".join(f"{n}: {v}" for n, v in expressions.headers(request)) + "}"
    body = expressions.body(request) or "None"
    url = expressions.url(request)
    arguments = ", ".join([constant, headers, body, *([] if url is None else [f"url={url}"])])
    fetch = f"answer = await call.fetch({arguments})"
    if not step.takes:  # made for the cookies its answer sets
        return [f"await call.fetch({arguments})"]
    if not step.cached:
        statements = [fetch]
        for take in step.takes:
            expression, kind = _taken(take, code)
            statements.append(f"{take.name} = {expression}")
            expressions.locals[take.name] = kind
            expressions.secret_names.add(take.name)
        return statements
    cache = code.define(f"_{step.name}_cache", _cache_source(step, code))
    kept = ", ".join(f"{literal(take.name)}: {_taken(take, code)[0]}" for take in step.takes)
    statements = [
        "\n".join(
            [
                f"kept = call.kept({cache}, {constant})",
                "if kept is None:",
                f"    {fetch}",
                f"    kept = call.keep({cache}, {constant}, {{{kept}}})",
            ]
        )
    ]
    for take in step.takes:
        statements.append(f"{take.name} = kept[{literal(take.name)}]")
        expressions.locals[take.name] = "object"
        expressions.secret_names.add(take.name)
    return statements


def _constant(step: StepSpec, provider: str, expressions: Expressions, code: CodeBuilder) -> str:
    request = step.request
    arguments = [
        ("provider", literal(provider)),
        ("name", literal(step.name)),
        ("method", literal(request.method)),
        ("url", literal(expressions.static_url(request) or request.url)),
    ]
    if request.body_format != "json":
        arguments.append(("body_format", literal(request.body_format)))
    if not step.moves_with_base_url:
        arguments.append(("moves_with_base_url", "False"))
    if step.redirect_answers:
        arguments.append(("redirect_answers", "True"))
    name = f"_{step.name}_step"
    return code.define(name, f"{name} = {code.call('Step', arguments)}")


def _cache_source(step: StepSpec, code: CodeBuilder) -> str:
    seconds = "" if step.cache_seconds is None else f"seconds={literal(step.cache_seconds)}"
    why = "for the process" if step.cache_seconds is None else "for a time"
    return "\n".join(
        [
            f"# Step {step.name}'s values, kept {why}.",
            f"_{step.name}_cache = {code.use('StepCache')}({seconds})",
        ]
    )


def _taken(take: Take, code: CodeBuilder) -> tuple[str, str]:
    """The expression that takes ``take`` from ``answer``, and its type."""
    name = literal(take.name)
    source = take.source
    if isinstance(source, FromHeader):
        return f"answer.header({name}, {literal(source.header)})", "str"
    if isinstance(source, FromCookie):
        return f"answer.cookie({name}, {literal(source.cookie)})", "str"
    if isinstance(source, FromJson):
        found = f"{_selector(take, source.path, code)}(answer.json())"
        return f"answer.json_value({name}, {literal(source.path.text)}, {found})", "object"
    pattern = _pattern(take, source, code)
    group = "" if source.group == 1 else f", group={source.group}"
    if source.json is None:
        unescape = ", unescape=True" if source.unescape else ""
        return f"answer.match({name}, {pattern}{group}{unescape})", "str"
    document = f"answer.matched_json({name}, {pattern}{group})"
    found = f"{_selector(take, source.json, code)}({document})"
    return f"answer.json_value({name}, {literal(source.json.text)}, {found})", "object"


def _pattern(take: Take, source: FromMatch, code: CodeBuilder) -> str:
    name = f"_{take.name}_pattern"
    return code.define(name, f"{name} = {code.use('re')}.compile({literal(source.pattern)})")


def _selector(take: Take, path: CompiledPath, code: CodeBuilder) -> str:
    """A function that gives the value at a singular JSONPath of a document, or MISSING."""
    assert path.steps is not None  # a value is taken at a singular path, which compiles
    name = f"_{take.name}_path"
    lines = [
        f"def {name}(node: object) -> object:",
        f"    # The value at JSONPath {comment(literal(path.text))}, or MISSING.",
    ]
    for step in path.steps:
        lines += lookup(step, "node", f"return {code.use('MISSING')}", "    ")
    lines.append("    return node")
    return code.define(name, "\n".join(lines))
