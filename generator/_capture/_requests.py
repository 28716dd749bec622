"""A captured request read as a spec's ``request``: placeholders where the call's values go,
``${env.NAME}`` where a secret was, the browser's noise left out.

The rules, in docs/capture.md:

- **Dropped headers**: HTTP/2's pseudo-headers, ``sec-ch-*``, ``sec-fetch-*`` and the headers
  a client sets itself or that only describe the browser (``accept-encoding``,
  ``accept-language``, ``content-length``, ``host``, ``connection``, ``cache-control``,
  ``pragma``, ``priority``, ``te``, ``dnt``, ``sec-gpc``, ``upgrade-insecure-requests``,
  ``if-none-match``, ``if-modified-since``); the ``content-type`` of a JSON or form body
  (the runtime sends it). Every other header is kept: ``user-agent``, ``origin`` and
  ``referer`` included, which web endpoints check.
- **Secrets**: ``Authorization`` and the credentials of ``SCHEME credentials`` in any header,
  cookies, URL credentials, values whose name has a credential's word (``key``, ``token``,
  ``session``, ``accessToken``...) from 8 characters, and any other value or piece of a path
  or a frame that looks like one (20 characters or more of letters and digits both, no
  spaces) become ``${env.PREFIX_NAME}``, named from where they were.
- **The body**: ``model`` is ``${model}``; the list of role-and-content objects is
  ``${messages}``, its mapping inferred from its items; a top-level system text is
  ``${system}``; a prompt-like text (``prompt``, ``message``, ``text``, ``query``...) is
  ``${prompt}``; sampling numbers (``temperature``, ``top_p``, ``max_tokens``...) are
  parameters; everything else stays as written.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

from ._captured import CapturedRequest
from ._documents import parsed, snake_case, string_leaves
from ._draft import Call, Comments, DraftParameter, KeyPath, Secrets

__all__ = ["RequestReader", "looks_secret", "query_pairs"]

_DROPPED = frozenset(
    {
        "accept-encoding",
        "accept-language",
        "content-length",
        "host",
        "connection",
        "cache-control",
        "pragma",
        "priority",
        "te",
        "dnt",
        "sec-gpc",
        "upgrade-insecure-requests",
        "if-none-match",
        "if-modified-since",
        "cookie",  # read on its own
    }
)
_DROPPED_PREFIXES = ("sec-ch-", "sec-fetch-", ":")
_CREDENTIAL_WORDS = frozenset(
    {
        "key",
        "apikey",
        "token",
        "secret",
        "auth",
        "authorization",
        "authentication",
        "session",
        "sid",
        "sig",
        "signature",
        "password",
        "passwd",
        "pwd",
        "csrf",
        "xsrf",
        "credential",
        "credentials",
        "bearer",
        "cookie",
    }
)
"""Words of a header's, a query value's or a body key's name that say its value is a secret."""
_LITERALS = frozenset({"true", "false", "null", "none", "undefined", "nan"})
_SHORTEST_SECRET = 8
"""A value named like a secret is one from this many characters: a shorter one (``1``,
``true``, ``null``) is no credential, and replaced wherever it stands it would garble the
recording."""
_SCHEMES = frozenset({"bearer", "basic", "token", "bot", "jwt", "digest", "apikey"})
"""Schemes of a credential: ``SCHEME credentials`` in any header keeps its scheme."""
_SECRET_LIKE = re.compile(r"[A-Za-z0-9_\-+/=.:]{20,}")
_SECRET_PIECE = re.compile(r"[A-Za-z0-9_\-+=.]{20,}")
"""A piece of a longer text (a path, a message) that may be a key: no ``/`` or ``:``, which
separate a path's parts."""
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_MODEL_IN_PATH = re.compile(r"/models/([^/:]+)")
_TEN_YEARS = 10 * 365 * 86400

_ROLES = {
    "user": "user",
    "human": "user",
    "assistant": "assistant",
    "model": "assistant",
    "bot": "assistant",
    "ai": "assistant",
    "chatbot": "assistant",
    "system": "system",
    "developer": "developer",
    "tool": "tool",
    "function": "tool",
}
"""Role names APIs use, and the role of OpenAI's each is."""
_PROMPT_KEYS = ("prompt", "message", "text", "question", "query", "input", "inputs", "q")
_SYSTEM_KEYS = ("system", "systemInstruction", "system_instruction", "preamble")
_SAMPLING = {
    "temperature": "float",
    "top_p": "float",
    "topP": "float",
    "top_k": "int",
    "topK": "int",
    "max_tokens": "int",
    "max_new_tokens": "int",
    "max_output_tokens": "int",
    "maxOutputTokens": "int",
    "max_completion_tokens": "int",
    "num_predict": "int",
    "presence_penalty": "float",
    "frequency_penalty": "float",
    "seed": "int",
}
"""Sampling options, which become parameters of their type."""
_DESCRIPTIONS = {
    "temperature": "Sampling temperature.",
    "top_p": "Nucleus sampling: the probability mass sampled from.",
    "top_k": "Sampling from the k likeliest tokens.",
    "presence_penalty": "Penalty for tokens already present.",
    "frequency_penalty": "Penalty by how often a token was used.",
    "seed": "Seed of the sampling.",
}
"""What each sampling option is; the token limits are told by ``_LIMIT``."""
_LIMIT = "Most tokens to generate."


def looks_secret(value: str) -> bool:
    """Whether ``value`` looks like a key or token: long, unbroken, letters and digits both."""
    return (
        _SECRET_LIKE.fullmatch(value) is not None
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and not value.lower().startswith(("http:", "https:"))
    )


def literal(text: str) -> str:
    """Captured text as spec text: ``${`` written ``$${``, so it is never a placeholder."""
    return text.replace("${", "$${")


class RequestReader:
    """Reads captured requests of one capture into the spec's ``request`` and ``steps``."""

    def __init__(self, secrets: Secrets, comments: Comments, taken: Mapping[str, str]) -> None:
        self._secrets = secrets
        self._comments = comments
        self._taken = dict(taken)
        """Each value a step takes, by the captured text it replaces."""
        self.parameters: list[DraftParameter] = []
        self.call = Call()
        self.messages_mapping: dict[str, Any] = {}
        """``request.messages``: empty when the captured messages are OpenAI's own."""
        self._marks: dict[KeyPath, str] = {}
        """Where the streamed request's body has its messages, prompt and model."""
        self._system: str | None = None

    def taken(self, value: str, name: str) -> None:
        """From now on, ``value`` is written ``${name}`` wherever it stands."""
        self._taken[value] = name

    def request(
        self, captured: CapturedRequest, where: KeyPath, *, carried: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """The ``request`` (or a step) that sends ``captured``; ``carried`` names the cookies
        a step's answer set, which the call's jar sends by itself."""
        section: dict[str, Any] = {}
        if captured.method != "POST":
            section["method"] = captured.method
        body, body_format = self._body(captured, where)
        url, userinfo = self._url(captured.url, (*where, "url"))
        section["url"] = url
        headers = self._headers(captured, (*where, "headers"), body_format, carried)
        if userinfo and not any(name.lower() == "authorization" for name in headers):
            credentials = base64.b64encode(unquote(userinfo).encode()).decode("ascii")
            headers["Authorization"] = f"Basic {self._secrets.variable('BASIC_AUTH', credentials)}"
            self._secrets.taken(f"{self._secrets.prefix}_URL_CREDENTIALS", unquote(userinfo))
        if headers:
            section["headers"] = headers
        if body_format == "form":
            section["body_format"] = "form"
        if body is not None:
            section["body"] = body
        if self._system is not None and where == ("request",):
            self.messages_mapping["system"] = "separate"
            self.call.messages.insert(0, {"role": "system", "content": self._system})
        return section

    # ------------------------------------------------------------ the URL

    def _url(self, url: str, where: KeyPath) -> tuple[str, str]:
        """The URL as spec text, and the credentials its authority held (``user:pass``), which
        it no longer does."""
        parts = urlsplit(url)
        userinfo, _, host = parts.netloc.rpartition("@")
        model = _MODEL_IN_PATH.search(parts.path) if where[0] == "request" else None
        if model is None:
            path = self._path(parts.path, where)
        else:
            self.call.model = model[1]
            self._comments.inferred.append(f"url: the model {model[1]!r} is ${{model}}")
            path = self._path(parts.path[: model.start(1)], where) + "${model}"
            path += self._path(parts.path[model.end(1) :], where)
        query = "&".join(
            self._query_pair(name, value, where) for name, value in query_pairs(parts.query)
        )
        built = f"{parts.scheme}://{host}{path}"
        return (f"{built}?{query}" if query else built), userinfo

    def _path(self, path: str, where: KeyPath) -> str:
        """A part of the path as spec text: a piece that looks like a key is a secret."""
        return self._with_secrets(path, where, "PATH_SECRET")

    def text(self, text: str, where: KeyPath) -> str:
        """A text sent as it is (a WebSocket's text frame) as spec text: a step's value as its
        placeholder, a piece that looks like a key a secret."""
        taken = self._taken_text(text)
        return taken if taken is not None else self._with_secrets(text, where, "MESSAGE_SECRET")

    def _with_secrets(self, text: str, where: KeyPath, suffix: str) -> str:
        written = literal(text)
        for piece in dict.fromkeys(_SECRET_PIECE.findall(text)):
            if looks_secret(piece) and not _UUID.fullmatch(piece):
                self._comments.add(
                    where,
                    "a piece of it looked like a key: it is read from the environment",
                    undecided=True,
                )
                written = written.replace(literal(piece), self._secrets.variable(suffix, piece))
        return written

    def _query_pair(self, name: str, value: str, where: KeyPath) -> str:
        if name in _PROMPT_KEYS and where[0] == "request" and not self.call.messages:
            self.call.messages = [{"role": "user", "content": unquote_plus(value)}]
            self._comments.inferred.append(f"url: the query's {name} is the prompt, ${{prompt}}")
            return f"{literal(name)}=${{prompt}}"
        if name == "model" and where[0] == "request" and not self.call.model:
            self.call.model = unquote_plus(value)
            return f"{literal(name)}=${{model}}"
        written = self._value_text(value, name, where, in_query=True)
        return f"{literal(name)}={written}"

    # ------------------------------------------------------------ headers

    def _headers(
        self,
        captured: CapturedRequest,
        where: KeyPath,
        body_format: str | None,
        carried: frozenset[str],
    ) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name, value in _joined(captured.headers):
            low = name.lower()
            if low in _DROPPED or low.startswith(_DROPPED_PREFIXES):
                continue
            if low == "content-type" and _sent_by_runtime(value, body_format):
                continue
            headers[name] = self._header_value(name, value, (*where, name))
        cookie = "; ".join(v for k, v in captured.headers if k.lower() == "cookie")
        cookies = self._cookies(cookie, carried)
        if cookies:
            headers["Cookie"] = cookies
        return headers

    def _header_value(self, name: str, value: str, where: KeyPath) -> str:
        """A header's value: ``SCHEME credentials`` keeps its scheme, the credentials a secret
        (``Authorization: Bearer ...`` is ``PREFIX_API_KEY``)."""
        taken = self._taken_text(value)
        if taken is not None:
            return taken
        scheme, _, credentials = value.partition(" ")
        if scheme.lower() in _SCHEMES and credentials.strip():
            if not _could_be_secret(credentials.strip()):
                return literal(value)  # Bearer null: a page with no key yet
        elif name.lower() == "authorization" and _could_be_secret(value):
            return self._secrets.variable("AUTHORIZATION", value)
        else:
            return self._value_text(value, name, where)
        if name.lower() == "authorization":
            suffix = "API_KEY" if scheme.lower() == "bearer" else scheme.upper() + "_AUTH"
        else:
            suffix = _env_suffix(name)
        return f"{literal(scheme)} {self._secrets.variable(suffix, credentials.strip())}"

    def _cookies(self, header: str, carried: frozenset[str]) -> str:
        """The Cookie header without the cookies a step's answer sets; its rest a secret."""
        pairs = [pair.strip() for pair in header.split(";") if pair.strip()]
        kept = [pair for pair in pairs if pair.partition("=")[0] not in carried]
        if not kept:
            return ""
        self._comments.inferred.append(
            f"headers: {len(kept)} cookies are ${{env.{self._secrets.prefix}_COOKIES}}"
        )
        return self._secrets.variable("COOKIES", "; ".join(kept))

    # ------------------------------------------------------------ the body

    def _body(self, captured: CapturedRequest, where: KeyPath) -> tuple[Any, str | None]:
        text = captured.body
        if not text:
            return None, None
        media = (captured.header("content-type") or "").partition(";")[0].strip().lower()
        document = parsed(text)
        if isinstance(document, dict):
            return self._json_body(document, (*where, "body")), "json"
        if media == "application/x-www-form-urlencoded":
            form = dict(parse_qsl(text, keep_blank_values=True))
            return {k: self._form_value(k, v, (*where, "body", k)) for k, v in form.items()}, "form"
        self._comments.add(
            where,
            "the captured body is neither a JSON object nor a form, which a spec cannot send: "
            "it is left out",
            undecided=True,
        )
        return None, None

    def _form_value(self, name: str, value: str, where: KeyPath) -> Any:
        streamed = where[0] == "request"
        number = _number(value)
        if name in _PROMPT_KEYS and streamed and not self.call.messages:
            self.call.messages = [{"role": "user", "content": value}]
            return "${prompt}"
        if name == "model" and streamed:
            self.call.model = value
            return "${model}"
        if name in _SAMPLING and number is not None and streamed:
            return self._parameter(name, number, where)
        return self._value_text(value, name, where)

    def _json_body(self, document: dict[str, Any], where: KeyPath) -> dict[str, Any]:
        if where[0] == "request":
            self._find_conversation(document, where)
        return {key: self._json_value(value, key, (*where, key)) for key, value in document.items()}

    def _find_conversation(self, document: dict[str, Any], where: KeyPath) -> None:
        """Marks where the messages (or the prompt), the model and the system text stand."""
        messages = _messages_path(document, where)
        if messages is not None:
            self._marks[messages] = "${messages}"
            for path in _prompt_paths(document, where):
                self._comments.add(
                    path,
                    "a prompt-like text beside the messages (the last message sent apart?): "
                    "left as written; write ${last_user_message} here if it is",
                    undecided=True,
                )
        else:
            prompt = _prompt_path(document, where, self._comments)
            if prompt is not None:
                self._marks[prompt] = "${prompt}"
                self.call.messages = [
                    {"role": "user", "content": _at(document, prompt[len(where) :])}
                ]
            else:
                self._comments.add(
                    where,
                    "no messages and no prompt found in the body: the conversation is sent as "
                    "captured; write ${messages} or ${prompt} where it goes",
                    undecided=True,
                )
        if isinstance(document.get("model"), str):
            self._marks[(*where, "model")] = "${model}"
            self.call.model = document["model"]

    def _json_value(self, value: Any, key: str, where: KeyPath) -> Any:
        mark = self._marks.get(where)
        if mark == "${messages}":
            return self._messages(value, where)
        if mark is not None:
            return mark
        if where[-2:-1] == ("body",) and key in _SYSTEM_KEYS and self._system_text(value):
            return self._system_placeholder(value, where)
        if key in _SAMPLING and isinstance(value, int | float) and not isinstance(value, bool):
            return self._parameter(key, value, where)
        if isinstance(value, dict):
            return {k: self._json_value(v, k, (*where, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self._json_value(v, key, (*where, str(i))) for i, v in enumerate(value)]
        if _is_time(value):
            self._comments.add(
                where,
                "this looks like the time the page sent it: if the server checks it, write a "
                "value {time: seconds} (or milliseconds) and use it here",
                undecided=True,
            )
        if isinstance(value, str):
            return self._value_text(value, key, where, whole=True)
        return value

    def _parameter(self, key: str, value: int | float, where: KeyPath) -> str:
        name = snake_case(key)
        taken = {p.name for p in self.parameters}
        if name in taken:
            name = f"{name}_{len(taken)}"
        kind = _SAMPLING[key]
        description = _DESCRIPTIONS.get(snake_case(key), _LIMIT)
        self.parameters.append(DraftParameter(name, kind, description))
        self.call.kwargs[name] = float(value) if kind == "float" else int(value)
        self._comments.inferred.append(f"{'.'.join(where)}: a parameter, ${{{name}}}")
        return f"${{{name}}}"

    # ------------------------------------------------------------ messages and system

    def _messages(self, items: list[dict[str, Any]], where: KeyPath) -> str:
        mapping, messages = _messages_mapping(items, self._comments, where)
        self.call.messages = messages
        self.messages_mapping.update(mapping)
        self._comments.inferred.append(
            f"{'.'.join(where)}: the messages, ${{messages}}"
            + (f" (mapped: {', '.join(mapping)})" if mapping else "")
        )
        return "${messages}"

    def _system_text(self, value: Any) -> str | None:
        """The text of a system field: a string, or one text among blocks (``[{type: text,
        text: ...}]``: a block's type is no text)."""
        leaves = string_leaves(value, "$")
        texts = [v for p, v in leaves if v.strip() and not p.endswith(".type")]
        return texts[0] if len(texts) == 1 else None

    def _system_placeholder(self, value: Any, where: KeyPath) -> Any:
        text = self._system_text(value)
        self._system = str(text)
        self._comments.inferred.append(f"{'.'.join(where)}: the system text, ${{system}}")
        return _replaced(value, str(text), "${system}")

    # ------------------------------------------------------------ one value

    def _taken_text(self, value: str) -> str | None:
        """``value`` with a step's value written as its placeholder, or None if it has none."""
        for captured, taken in self._taken.items():
            if captured and captured in value:
                return literal(value).replace(literal(captured), f"${{{taken}}}")
        return None

    def _value_text(
        self, value: str, name: str, where: KeyPath, *, in_query: bool = False, whole: bool = False
    ) -> str:
        """``value`` as spec text: a step's value, a secret, a fresh id, or as written."""
        taken = self._taken_text(value)
        if taken is not None:
            return taken
        if _is_credential_name(name) and _could_be_secret(value):
            return self._secrets.variable(_env_suffix(name), value)
        if looks_secret(value) and not _UUID.fullmatch(value):
            self._comments.add(
                where,
                "this value looked like a token or a signature: it is read from the "
                "environment; if the page computes it per request (a hash of the time and the "
                "message, say), write it as a value (see Version 3: values)",
                undecided=True,
            )
            return self._secrets.variable(_env_suffix(name), value)
        if whole and _UUID.fullmatch(value):
            self._comments.add(
                where,
                "a UUID in the capture: a fresh one per call; write the captured one back "
                "if the server expects the same",
                undecided=True,
            )
            return "${uuid}"
        return literal(value)


def _is_time(value: object) -> bool:
    """Whether ``value`` reads as a Unix time near now, in seconds or milliseconds."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    text = str(value)
    if not text.isdigit() or len(text) not in (10, 13):
        return False
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    return abs(seconds - time.time()) < _TEN_YEARS


def _is_credential_name(name: str) -> bool:
    """Whether a name (``x-api-key``, ``accessToken``, ``session_id``) is a secret's."""
    words = snake_case(name).split("_")
    return any(word in _CREDENTIAL_WORDS for word in words) or "apikey" in name.lower()


def _could_be_secret(value: str) -> bool:
    return len(value) >= _SHORTEST_SECRET and value.strip().lower() not in _LITERALS


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def _joined(headers: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The headers, one of each name (any case): a repeated one's values joined by commas,
    as HTTP reads them (cookies are read apart)."""
    joined: dict[str, tuple[str, str]] = {}
    for name, value in headers:
        low = name.lower()
        if low in joined and low != "cookie":
            first, earlier = joined[low]
            joined[low] = (first, f"{earlier}, {value}")
        else:
            joined.setdefault(low, (name, value))
    return list(joined.values())


def _sent_by_runtime(content_type: str, body_format: str | None) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return (body_format == "json" and media == "application/json") or (
        body_format == "form" and media == "application/x-www-form-urlencoded"
    )


def query_pairs(query: str) -> list[tuple[str, str]]:
    """The query's name and value pairs, as written (percent-escapes kept)."""
    return [(name, value) for name, _, value in (p.partition("=") for p in query.split("&") if p)]


def _env_suffix(name: str) -> str:
    words = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()
    words = re.sub(r"^X_", "", words)
    return "API_KEY" if words in ("KEY", "APIKEY", "API_KEY") else words or "SECRET"


def _replaced(value: Any, text: str, placeholder: str) -> Any:
    """``value`` with the string ``text`` (as a whole value) made ``placeholder``."""
    if isinstance(value, str):
        return placeholder if value == text else literal(value)
    if isinstance(value, dict):
        return {k: _replaced(v, text, placeholder) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, text, placeholder) for v in value]
    return value


def _at(document: Any, path: KeyPath) -> Any:
    for key in path:
        document = document[int(key)] if isinstance(document, list) else document[key]
    return document


def _role_key(item: dict[str, Any]) -> KeyPath | None:
    """Where an item's role is: a key (``role``, ``author.role``) whose text is a role name."""
    for key, value in item.items():
        if isinstance(value, str) and value.lower() in _ROLES and key != "content":
            return (key,)
        if isinstance(value, dict):
            inner = _role_key(value)
            if inner is not None:
                return (key, *inner)
    return None


def _messages_path(document: dict[str, Any], where: KeyPath) -> KeyPath | None:
    """The first list (depth first) whose items are objects that each have a role."""
    for key, value in document.items():
        path = (*where, key)
        if (
            isinstance(value, list)
            and value
            and all(isinstance(item, dict) and _role_key(item) is not None for item in value)
        ):
            return path
        if isinstance(value, dict):
            found = _messages_path(value, path)
            if found is not None:
                return found
    return None


def _prompt_paths(document: dict[str, Any], where: KeyPath) -> list[KeyPath]:
    """Each prompt-like text's path (under a prompt-like key), the longest text first."""
    found: list[tuple[int, KeyPath]] = []

    def walk(value: Any, path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(inner, str) and key in _PROMPT_KEYS and inner.strip():
                    found.append((len(inner), (*path, key)))
                else:
                    walk(inner, (*path, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, (*path, str(index)))

    walk(document, where)
    return [path for _, path in sorted(found, key=lambda each: each[0], reverse=True)]


def _prompt_path(document: dict[str, Any], where: KeyPath, comments: Comments) -> KeyPath | None:
    """The prompt: the longest of the texts under a prompt-like key; the others are named."""
    found = _prompt_paths(document, where)
    if not found:
        return None
    if len(found) > 1:
        others = ", ".join(".".join(path) for path in found[1:])
        comments.add(
            found[0], f"the prompt, ${{prompt}}; {others} looked like one too", undecided=True
        )
    return found[0]


def _messages_mapping(
    items: list[dict[str, Any]], comments: Comments, where: KeyPath
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """``request.messages`` for the captured items (empty when they are OpenAI's own), and the
    messages, in OpenAI's shape, that the mapping turns into them."""
    role_path = _role_key(items[0])
    assert role_path is not None
    roles = [str(_at(item, role_path)) for item in items]
    renames = {_ROLES[role.lower()]: role for role in roles if _ROLES[role.lower()] != role}
    plain = all(set(item) <= {"role", "content"} for item in items) and role_path == ("role",)
    text_path = None if plain else _text_path(items[0], role_path)
    mapping: dict[str, Any] = {}
    if "parts" in items[0] and "assistant" not in renames:
        renames["assistant"] = "model"  # Gemini's, which a capture of one question cannot show
        comments.add(where, "the assistant's role is Gemini's model", undecided=True)
    elif not plain and "assistant" not in {_ROLES[r.lower()] for r in roles}:
        comments.add(
            where,
            "the capture holds no answer of the assistant's: its role name is taken to be "
            "assistant",
            undecided=True,
        )
    if renames:
        mapping["roles"] = renames
    messages = [
        {"role": _ROLES[role.lower()], "content": _content_text(item, text_path)}
        for role, item in zip(roles, items, strict=True)
    ]
    if text_path is not None:
        mapping["content"] = "text"
        mapping["item"] = _item_template(items[0], role_path, text_path)
    return mapping, messages


def _text_path(item: dict[str, Any], role_path: KeyPath) -> KeyPath:
    """Where an item's text is: its longest text but the role."""
    best: tuple[int, KeyPath] = (-1, ())

    def walk(value: Any, path: KeyPath) -> None:
        nonlocal best
        if isinstance(value, str) and path != role_path and len(value) > best[0]:
            best = (len(value), path)
        elif isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, (*path, str(index)))

    walk(item, ())
    return best[1]


def _content_text(item: dict[str, Any], text_path: KeyPath | None) -> Any:
    if text_path is None:
        return item["content"]
    return str(_at(item, text_path))


def _item_template(item: Any, role_path: KeyPath, text_path: KeyPath, path: KeyPath = ()) -> Any:
    if path == role_path:
        return "${role}"
    if path == text_path:
        return "${content}"
    if isinstance(item, dict):
        return {k: _item_template(v, role_path, text_path, (*path, k)) for k, v in item.items()}
    if isinstance(item, list):
        return [
            _item_template(v, role_path, text_path, (*path, str(i))) for i, v in enumerate(item)
        ]
    if isinstance(item, str) and _UUID.fullmatch(item):
        return "${uuid}"
    return literal(item) if isinstance(item, str) else item
