"""Python expressions for a spec's templates: text, body values, the URL and the messages.

Spec values become literals (``repr``); placeholders become the expressions of the values they
stand for. A value that may be absent is left out where it stands, and so is a mapping or list
left empty by such values alone, where the request says so.
"""

from __future__ import annotations

from urllib.parse import quote

from .._model import (
    MAYBE_ABSENT,
    BodyTemplate,
    Part,
    Placeholder,
    ProviderSpec,
    TemplateString,
)
from ..runtime._url import URL_SAFE
from ._source import CodeBuilder, literal

__all__ = ["Expressions"]

_BUILTINS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # placeholder: (Python expression, its type, the names it needs imported)
    "model": ("model", "str", ()),
    "prompt": ("format_prompt(messages)", "str", ("format_prompt",)),
    "last_user_message": ("last_user_message(messages)", "str", ("last_user_message",)),
    "url": ("cls.url", "str", ()),
    "uuid": ("str(uuid.uuid4())", "str", ("uuid",)),
    "timestamp": ("int(time.time())", "int", ("time",)),
    "timestamp_ms": ("int(time.time() * 1000)", "int", ("time",)),
    "system": ("system", "str", ()),
}


class Expressions:
    """Builds the expressions of one provider's URL, headers and body."""

    def __init__(self, spec: ProviderSpec, code: CodeBuilder) -> None:
        self._spec = spec
        self._request = spec.request
        self._code = code
        self._types = {p.name: p.type for p in spec.request.parameters}
        self._absent = {p.name for p in spec.request.parameters if p.optional} | MAYBE_ABSENT
        self._item: dict[str, tuple[str, str]] | None = None
        self._present: set[str] = set()
        """Names known to have a value where the expression being built stands."""
        self.used: set[str] = set()
        """The builtin placeholders used."""
        self.secrets: list[str] = []
        """The environment variables read, in the order first used."""

    def statements(self) -> list[str]:
        """The statements that compute what the expressions use, in order; call it last."""
        statements = []
        if self._spec.default_model is not None and "model" in self.used:
            statements.append(f"model = model or {literal(self._spec.default_model)}")
        if "system" in self.used:
            statements.append(f"system = {self._code.use('system_text')}(messages)")
        return statements

    def placeholder(self, placeholder: Placeholder) -> tuple[str, str]:
        """The expression for one placeholder, and its type."""
        if placeholder.env is not None:
            if placeholder.env not in self.secrets:
                self.secrets.append(placeholder.env)
            return f"_ENDPOINT.secret({literal(placeholder.env)})", "str"
        if self._item is not None and placeholder.name in self._item:
            return self._item[placeholder.name]
        if placeholder.name in self._types:
            return placeholder.name, self._types[placeholder.name]
        self.used.add(placeholder.name)
        if placeholder.name == "messages":
            return self._messages(), "list"
        expression, kind, imports = _BUILTINS[placeholder.name]
        for name in imports:
            self._code.use(name)
        return expression, kind

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

    def static_url(self) -> str | None:
        """The URL when it has no placeholders, ``$${`` written as ``${``; else None."""
        parts = self._url_parts()
        texts = [part for part in parts if isinstance(part, str)]
        return "".join(texts) if len(texts) == len(parts) else None

    def _url_parts(self) -> list[Part]:
        request = self._request
        return [
            *request.url_path,
            *([] if request.url_query is None else ["?", *request.url_query]),
        ]

    def url(self) -> str | None:
        """The URL built for each call, or None when it has no placeholders."""
        if self.static_url() is not None:
            return None
        parts = self._url_parts()
        pieces: list[str] = []
        text = ""
        in_query = False
        for part in parts:
            if isinstance(part, str):
                text += part
                in_query = in_query or part == "?"
                continue
            if text:
                pieces.append(literal(quote(text, safe=URL_SAFE)))
                text = ""
            quote_value = self._code.use("quote_query" if in_query else "quote_path")
            pieces.append(f"{quote_value}({self.placeholder(part)[0]})")
        if text:
            pieces.append(literal(quote(text, safe=URL_SAFE)))
        return " + ".join(pieces)

    def body(self) -> str | None:
        """The whole body, undeclared keyword arguments merged in if the spec says so."""
        request = self._request
        if request.body is None:
            return None
        expression = self._mapping(request.body)
        if request.extra_kwargs == "merge":
            expression = expression[:-1] + (", **kwargs}" if request.body else "**kwargs}")
        return expression

    def value(self, template: BodyTemplate) -> str:
        """The expression for a body value; a lone placeholder keeps its type."""
        if isinstance(template, dict):
            return self._mapping(template)
        if isinstance(template, list):
            return self._list(template)
        if isinstance(template, tuple):
            lone = _lone_placeholder(template)
            return self.text(template) if lone is None else self.placeholder(lone)[0]
        return literal(template)

    def _mapping(self, template: dict[str, BodyTemplate]) -> str:
        entries = []
        for key, value in template.items():
            absent = self._absent_when(value)
            if absent:
                # Left out of the body altogether when its value is absent.
                kept = f"{{{literal(key)}: {self._guarded(value, absent)}}}"
                entries.append(f"**({kept} if {_present(absent)} else {{}})")
            else:
                entries.append(f"{literal(key)}: {self.value(value)}")
        return "{" + ", ".join(entries) + "}"

    def _list(self, template: list[BodyTemplate]) -> str:
        items = []
        for value in template:
            absent = self._absent_when(value)
            if absent:
                kept = self._guarded(value, absent)
                items.append(f"*([{kept}] if {_present(absent)} else [])")
            else:
                items.append(self.value(value))
        return "[" + ", ".join(items) + "]"

    def _guarded(self, value: BodyTemplate, absent: list[str]) -> str:
        """``value``, built where a test has just found one of ``absent`` to have a value."""
        if len(absent) != 1:
            return self.value(value)
        self._present.add(absent[0])
        try:
            return self.value(value)
        finally:
            self._present.discard(absent[0])

    def _absent_when(self, template: BodyTemplate) -> list[str]:
        """The names whose absence all together leaves ``template`` out; [] if nothing does.

        A lone placeholder that may be absent; where the request leaves out what absent values
        empty, also a mapping or list made only of such values (it is left out when every one of
        them is), never one written empty.
        """
        lone = _lone_placeholder(template)
        if lone is not None:
            in_item = self._item is not None and lone.name in self._item  # the message's own
            maybe_absent = lone.name in self._absent and lone.env is None and not in_item
            return [lone.name] if maybe_absent and lone.name not in self._present else []
        leave_out = self._request.leave_out_emptied
        if not leave_out or not isinstance(template, dict | list) or not template:
            return []
        values = template.values() if isinstance(template, dict) else template
        names: list[str] = []
        for value in values:
            inner = self._absent_when(value)
            if not inner:
                return []
            names.extend(name for name in inner if name not in names)
        return names

    def _messages(self) -> str:
        """``${messages}``: the caller's list, mapped as ``request.messages`` says."""
        mapping = self._request.messages
        if mapping is None or not mapping.changes_anything:
            return "list(messages)"
        role = 'message["role"]'
        if mapping.roles:
            role = f"{literal(dict(mapping.roles))}.get({role}, {role})"
        content = 'message["content"]'
        if mapping.content_text:
            content = f"{self._code.use('content_text')}({content})"
        if mapping.item is not None:
            kind = "str" if mapping.content_text else "parts"
            self._item = {"role": (role, "str"), "content": (content, kind)}
            item = self._mapping(mapping.item)
            self._item = None
        elif mapping.roles or mapping.content_text:
            item = f'{{**message, "role": {role}, "content": {content}}}'
        else:
            item = "message"
        condition = ' if message["role"] != "system"' if mapping.separate_system else ""
        return f"[{item} for message in messages{condition}]"


def _present(names: list[str]) -> str:
    return " or ".join(f"{name} is not None" for name in names)


def _lone_placeholder(value: BodyTemplate) -> Placeholder | None:
    """The placeholder a value consists of alone (it keeps its type), if it is one."""
    if isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], Placeholder):
        return value[0]
    return None
