"""Python source for spec values: literals and the expressions that fill placeholders.

Spec text reaches generated code only through :func:`literal` (``repr`` of the value, a Python
literal) or :func:`comment` (printable characters only); never pasted into the template.
"""

from __future__ import annotations

from ._model import BodyTemplate, Parameter, ProviderSpec, TemplateString
from ._placeholders import Placeholder

_BUILTIN_EXPRESSIONS: dict[str, tuple[str, str]] = {
    # placeholder: (Python expression, its type)
    "model": ("model", "str"),
    "messages": ("list(messages)", "list"),
    "prompt": ("format_prompt(messages)", "str"),
    "last_user_message": ("last_user_message(messages)", "str"),
    "url": ("cls.url", "str"),
    "uuid": ("str(uuid.uuid4())", "str"),
    "timestamp": ("int(time.time())", "int"),
    "timestamp_ms": ("int(time.time() * 1000)", "int"),
}


def literal(value: object) -> str:
    """The Python literal for a JSON-like value (str, number, bool, None, list, dict, tuple)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        items = [literal(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if value is None or isinstance(value, str | int | float | bool):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


def comment(text: str) -> str:
    """``text`` made safe for a ``#`` comment: anything unprintable becomes a space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


class Expressions:
    """Builds the expressions of one provider's headers and body."""

    def __init__(self, spec: ProviderSpec) -> None:
        self._types = {p.name: p.type for p in spec.parameters}
        self._optional = {p.name for p in spec.parameters if p.optional}
        self.used: set[str] = set()
        """Builtin placeholders used, so the template imports only what the code needs."""

    def placeholder(self, placeholder: Placeholder) -> tuple[str, str]:
        """The expression for one placeholder, and its type."""
        if placeholder.env is not None:
            self.used.add("env")
            return f"_ENDPOINT.secret({literal(placeholder.env)})", "str"
        if placeholder.name in self._types:
            return placeholder.name, self._types[placeholder.name]
        self.used.add(placeholder.name)
        return _BUILTIN_EXPRESSIONS[placeholder.name]

    def text(self, template: TemplateString) -> str:
        """An expression of type str: literal text and placeholders, concatenated."""
        pieces = []
        for part in template:
            if isinstance(part, str):
                pieces.append(literal(part))
                continue
            expression, kind = self.placeholder(part)
            pieces.append(expression if kind == "str" else f"str({expression})")
        return " + ".join(pieces) if pieces else '""'

    def value(self, template: BodyTemplate) -> str:
        """The expression for a body value; a lone placeholder keeps its type."""
        if isinstance(template, dict):
            return self._mapping(template)
        if isinstance(template, list):
            return "[" + ", ".join(self.value(v) for v in template) + "]"
        if isinstance(template, tuple):
            lone = _lone_placeholder(template)
            return self.text(template) if lone is None else self.placeholder(lone)[0]
        return literal(template)

    def _mapping(self, template: dict[str, BodyTemplate]) -> str:
        entries = []
        for key, value in template.items():
            lone = _lone_placeholder(value)
            if lone is not None and lone.name in self._optional:
                # An optional parameter left as None is left out of the body altogether.
                name = lone.name
                entries.append(f"**({{{literal(key)}: {name}}} if {name} is not None else {{}})")
            else:
                entries.append(f"{literal(key)}: {self.value(value)}")
        return "{" + ", ".join(entries) + "}"

    def body(self, spec: ProviderSpec) -> str:
        """The whole body; undeclared keyword arguments merged in at the top if the spec says so."""
        expression = self._mapping(spec.body)
        if spec.extra_kwargs == "merge":
            expression = expression[:-1] + (", **kwargs}" if spec.body else "**kwargs}")
        return expression


def _lone_placeholder(value: BodyTemplate) -> Placeholder | None:
    """The placeholder a value consists of alone (it keeps its type), if it is one."""
    if isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], Placeholder):
        return value[0]
    return None


def annotation(parameter: Parameter) -> str:
    """The parameter's type annotation."""
    return f"{parameter.type} | None" if parameter.optional else parameter.type
