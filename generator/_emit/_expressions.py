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
    Request,
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
        self._code = code
        self._types = {p.name: p.type for p in spec.request.parameters}
        self.locals: dict[str, str] = {}
        """Values computed or taken by the module's code, by name, with their types."""
        self.secret_names: set[str] = {p.name for p in spec.request.parameters if p.secret}
        """The names whose values are secrets: secret parameters, what steps take, and the
        values computed from either (or from a variable)."""
        self._absent = {p.name for p in spec.request.parameters if p.optional} | MAYBE_ABSENT
        self._absent |= {value.name for value in spec.values if value.may_be_absent}
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
            return f"_ENDPOINT.secret({literal(placeholder.env)}, base_url)", "str"
        if self._item is not None and placeholder.name in self._item:
            return self._item[placeholder.name]
        if placeholder.name in self._types:
            return placeholder.name, self._types[placeholder.name]
        if placeholder.name in self.locals:
            return placeholder.name, self.locals[placeholder.name]
        self.used.add(placeholder.name)
        if placeholder.name == "messages":
            return self.messages(), "list"
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
            pieces.append(self.as_text(*self.placeholder(part)))
        return " + ".join(pieces) if pieces else '""'

    def is_secret(self, template: BodyTemplate) -> bool:
        """Whether ``template`` holds a secret: a variable, or a name of ``secret_names``."""
        if isinstance(template, dict):
            return any(self.is_secret(value) for value in template.values())
        if isinstance(template, list):
            return any(self.is_secret(value) for value in template)
        if isinstance(template, tuple):
            return any(
                isinstance(part, Placeholder)
                and (part.env is not None or part.name in self.secret_names)
                for part in template
            )
        return False

    def as_text(self, expression: str, kind: str) -> str:
        """``expression``, of type ``kind``, as text: a value of any JSON type as a taken value
        may be, with booleans as JSON writes them."""
        if kind == "str":
            return expression
        if kind == "object":
            return f"{self._code.use('text_of')}({expression})"
        return f"str({expression})"

    def static_url(self, request: Request) -> str | None:
        """The URL when it has no placeholders, ``$${`` written as ``${``; else None."""
        parts = _url_parts(request)
        texts = [part for part in parts if isinstance(part, str)]
        return "".join(texts) if len(texts) == len(parts) else None

    def url(self, request: Request) -> str | None:
        """The URL built for each call, or None when it has no placeholders.

        A placeholder in the host is a value computed from the spec's text, in a host's
        characters (the reader checks it); one in the path is one segment, escaped; one in the
        query, one value, escaped.
        """
        if self.static_url(request) is not None:
            return None
        pieces: list[str] = []
        text = ""
        written = ""  # the URL so far, each placeholder a character
        where = "host"
        for part in _url_parts(request):
            if isinstance(part, str):
                text += part
                written += part
                if where == "host" and "/" in written.partition("://")[2]:
                    where = "path"
                if part == "?":
                    where = "query"
                continue
            written += "_"
            if text:
                pieces.append(literal(quote(text, safe=URL_SAFE)))
                text = ""
            expression = self.placeholder(part)[0]
            if where == "host":
                pieces.append(expression)
            else:
                quote_value = self._code.use("quote_query" if where == "query" else "quote_path")
                pieces.append(f"{quote_value}({expression})")
        if text:
            pieces.append(literal(quote(text, safe=URL_SAFE)))
        return " + ".join(pieces)

    def headers(self, request: Request) -> tuple[tuple[str, str], ...]:
        """Each header's name and its value's expression."""
        return tuple((literal(name), self.text(value)) for name, value in request.headers)

    def body(self, request: Request) -> str | None:
        """The whole body, undeclared keyword arguments merged in if the spec says so."""
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

    def message_lines(self, line: TemplateString, roles: dict[str, str]) -> str:
        """The text of ``line`` for each message, as a list: ``${role}`` renamed as ``roles``
        says, ``${content}`` the message's text."""
        role = 'message["role"]'
        if roles:
            role = f"{literal(roles)}.get({role}, {role})"
        content = f'{self._code.use("content_text")}(message["content"])'
        self._item = {"role": (role, "str"), "content": (content, "str")}
        try:
            return f"[{self.text(line)} for message in messages]"
        finally:
            self._item = None

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
        leave_out = self._spec.request.leave_out_emptied
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

    def messages(self, source: str = "messages") -> str:
        """``${messages}``: the caller's list (or ``source``, a part of it), mapped as
        ``request.messages`` says."""
        mapping = self._spec.request.messages
        if mapping is None or not mapping.changes_anything:
            return f"list({source})"
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
        return f"[{item} for message in {source}{condition}]"


def _url_parts(request: Request) -> list[Part]:
    return [*request.url_path, *([] if request.url_query is None else ["?", *request.url_query])]


def _present(names: list[str]) -> str:
    return " or ".join(f"{name} is not None" for name in names)


def _lone_placeholder(value: BodyTemplate) -> Placeholder | None:
    """The placeholder a value consists of alone (it keeps its type), if it is one."""
    if isinstance(value, tuple) and len(value) == 1 and isinstance(value[0], Placeholder):
        return value[0]
    return None
