"""A captured answer read as a spec's ``response``: its framing, where its text is, when it ends.

The framing is the one the answer's media type says, or its body shows (lines of JSON, one
array, one document, plain text); a WebSocket's received messages are its documents. The
delta is the JSONPath whose values, joined in order, give the longest text, passing over keys
that never hold an answer (``id``, ``model``, ``type``...) and values that never change; one
whose every value extends the one before is a cumulative answer, whose text is its last. A
second path that gives nearly as long a text is named in a comment, never chosen silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from ._captured import CapturedResponse
from ._documents import member, parsed, scalar_leaves
from ._draft import Comments, DraftResponse

__all__ = ["read_answer"]

_NDJSON_TYPES = frozenset(
    {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines"}
)
_DEFAULT_TYPES = {
    "sse": "text/event-stream",
    "ndjson": "application/x-ndjson",
    "json_array": "application/json",
    "json": "application/json",
    "text": "text/plain",
}
_NOT_TEXT = frozenset(
    {
        "id",
        "model",
        "object",
        "type",
        "event",
        "role",
        "finish_reason",
        "stop_reason",
        "finishReason",
        "done_reason",
        "status",
        "created",
        "created_at",
        "system_fingerprint",
        "kind",
        "message_type",
        "event_type",
        "conversation_id",
        "message_id",
        "response_id",
        "responseId",
        "modelVersion",
    }
)
"""Keys whose texts are no answer however long they grow."""
_TYPE_KEYS = ("type", "event", "object", "message_type", "kind", "status")
_FINISH_KEYS = frozenset({"finish_reason", "stop_reason", "finishReason", "done_reason"})
_NEARLY = 0.8
"""A second delta path whose text is this long, against the best's, is named in a comment."""
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class _Event:
    type: str
    data: str


def read_answer(response: CapturedResponse, comments: Comments) -> DraftResponse:
    """The ``response`` section for ``response``, and the text it reads from it."""
    if response.messages:
        documents = [parsed(m.text) for m in response.messages if not m.sent]
        return _documents("websocket", documents, [], response, comments)
    framing = _framing(response)
    if framing == "text":
        return _text(response, comments)
    if framing == "sse":
        return _sse(response, comments)
    if framing == "ndjson":
        lines = [line for line in response.body.splitlines() if line.strip()]
        return _documents("ndjson", [parsed(line) for line in lines], [], response, comments)
    document = parsed(response.body)
    if framing == "json_array":
        assert isinstance(document, list)
        return _documents("json_array", document, [], response, comments)
    return _documents("json", [document], [], response, comments)


def _framing(response: CapturedResponse) -> str:
    media, body = response.media_type, response.body.strip()
    if media == "text/event-stream" or re.match(r"(event|data):", body):
        return "sse"
    if media in _NDJSON_TYPES:
        return "ndjson"
    document = parsed(body)
    if isinstance(document, list):
        return "json_array"
    if isinstance(document, dict):
        return "json"
    lines = [line for line in body.splitlines() if line.strip()]
    if len(lines) > 1 and all(isinstance(parsed(line), dict) for line in lines):
        return "ndjson"
    return "text"


def _text(response: CapturedResponse, comments: Comments) -> DraftResponse:
    section: dict[str, Any] = {"framing": "text"}
    _content_types(section, response, "text")
    comments.inferred.append("response: plain text, the body is the answer")
    return DraftResponse(section, response.body)


# ---------------------------------------------------------------- server-sent events


def _events(body: str) -> list[_Event]:
    """The events of an SSE body, as the standard reads them (comments and ids passed over)."""
    events: list[_Event] = []
    for block in re.split(r"\r\n\r\n|\n\n|\r\r", body.replace("\r\n", "\n")):
        kind, data = "message", []
        for line in block.split("\n"):
            field, colon, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event" and colon:
                kind = value
            elif field == "data":
                data.append(value)
        if data:
            events.append(_Event(kind, "\n".join(data)))
    return events


def _sse(response: CapturedResponse, comments: Comments) -> DraftResponse:
    events = _events(response.body)
    stop: dict[str, Any] | None = None
    if events and events[-1].data.strip() == "[DONE]":
        stop = {"data": events[-1].data.strip()}
        events = events[:-1]
    documents = [parsed(event.data) for event in events]
    if events and not any(isinstance(d, dict | list) for d in documents):
        section: dict[str, Any] = {"framing": "sse", "data": "text"}
        if stop:
            section["stop"] = stop
        _content_types(section, response, "sse")
        comments.inferred.append("response: server-sent events whose data is the text itself")
        return DraftResponse(section, "".join(event.data for event in events))
    kinds = [event.type for event in events]
    if stop is None and kinds and kinds[-1] != "message" and kinds.count(kinds[-1]) == 1:
        stop = {"event": kinds[-1]}
    return _documents("sse", documents, kinds, response, comments, stop)


# ---------------------------------------------------------------- documents


def _documents(
    framing: str,
    documents: list[Any],
    kinds: list[str],
    response: CapturedResponse,
    comments: Comments,
    stop: dict[str, Any] | None = None,
) -> DraftResponse:
    section: dict[str, Any] = {"framing": framing}
    candidates = _candidates(documents)
    if not candidates:
        comments.add(("response",), "no text in the answer's documents", undecided=True)
        section["delta"] = "$.text"
        return DraftResponse(section, "")
    best = candidates[0]
    section["delta"] = best.path
    if best.cumulative:
        section["cumulative"] = "restart"
    _runner_up(candidates, comments)
    comments.inferred.append(
        f"response: {framing}, the text at {best.path}"
        + (" (cumulative: each is the answer so far)" if best.cumulative else "")
    )
    finish = _finish_path(documents)
    if finish is not None:
        section["finish_reason"] = finish
    filtered = _filter(documents, best.path, comments)
    text = best.text
    if filtered is not None:
        section["filter"], text = filtered
    stop = stop or _stop(documents, framing)
    if stop is not None:
        section["stop"] = stop
        comments.inferred.append(f"response.stop: {stop}")
    section["error"] = (
        {"event": "error", "message": "$.error.message"}
        if kinds and any(kind != "message" for kind in kinds)
        else {"message": "$.error.message"}
    )
    comments.add(
        ("response", "error"),
        "the capture holds no error: this is the shape most APIs report one in; check the "
        "API's own",
        undecided=True,
    )
    _content_types(section, response, "json" if framing == "json_array" else framing)
    return DraftResponse(section, text)


@dataclass(frozen=True)
class _Candidate:
    path: str
    text: str
    cumulative: bool


def _candidates(documents: list[Any]) -> list[_Candidate]:
    """Each path that could hold the answer's text, the longest text first: each leaf's own,
    and the path that takes every element where the documents index several (Gemini's
    ``parts[*]``), when that gives more."""
    leaves = [_leaves(document) for document in documents]
    indices: dict[str, list[set[str]]] = {}
    for path, _ in (leaf for found in leaves for leaf in found):
        seen = indices.setdefault(_INDEX.sub("[*]", path), [set() for _ in _INDEX.findall(path)])
        for position, index in enumerate(_INDEX.findall(path)):
            seen[position].add(index)
    values: dict[str, list[str]] = {}
    wide: dict[str, list[str]] = {}
    for found in leaves:
        for path, value in found:
            values.setdefault(path, []).append(value)
            wide.setdefault(_widened(path, indices), []).append(value)
    candidates = [c for path, texts in values.items() if (c := _candidate(path, texts))]
    known = {c.path: c.text for c in candidates}
    for path, texts in wide.items():
        candidate = _candidate(path, texts)
        if candidate is not None and len(candidate.text) > len(known.get(path, "")):
            candidates.append(candidate)
    return sorted(candidates, key=lambda c: len(c.text), reverse=True)


def _widened(path: str, indices: dict[str, list[set[str]]]) -> str:
    """``path`` with each index the documents vary at made ``[*]``."""
    seen = iter(indices[_INDEX.sub("[*]", path)])
    return _INDEX.sub(lambda found: "[*]" if len(next(seen)) > 1 else found[0], path)


def _candidate(path: str, texts: list[str]) -> _Candidate | None:
    if len(texts) > 1 and len(set(texts)) == 1:
        return None  # the same in every document: an id, a name
    growing = len(texts) > 1 and all(b.startswith(a) for a, b in itertools.pairwise(texts))
    text = texts[-1] if growing else "".join(texts)
    return _Candidate(path, text, growing) if text else None


def _leaves(document: Any) -> list[tuple[str, str]]:
    """Each text of a document that could be an answer's, and its JSONPath."""
    return [
        (path, value)
        for path, value, key in scalar_leaves(document)
        if isinstance(value, str) and key not in _NOT_TEXT
    ]


def _runner_up(candidates: list[_Candidate], comments: Comments) -> None:
    best = candidates[0]
    for other in candidates[1:]:
        if _INDEX.sub("[*]", other.path) == _INDEX.sub("[*]", best.path):
            continue  # the same texts, fewer of them
        if len(other.text) >= _NEARLY * len(best.text) and other.text != best.text:
            comments.add(
                ("response", "delta"),
                f"{other.path} holds a text nearly as long ({len(other.text)} characters to "
                f"{len(best.text)}): the delta may be there",
                undecided=True,
            )


def _finish_path(documents: list[Any]) -> str | None:
    for document in documents:
        for path, value, key in scalar_leaves(document):
            if key in _FINISH_KEYS and isinstance(value, str) and value:
                return path
    return None


def _filter(
    documents: list[Any], delta: str, comments: Comments
) -> tuple[dict[str, Any], str] | None:
    """``filter`` and the text it leaves, when documents of several types have text at the
    delta's path: the type with the most of it is the answer's, the others' texts are left
    out, and said to be. When one type alone has text there, the comment at ``delta`` names
    it, should the API send others."""
    for key in _TYPE_KEYS:
        texts: dict[object, list[str]] = {}
        for document in documents:
            if isinstance(document, dict) and key in document:
                found = [v for p, v in _leaves(document) if p == delta and v]
                texts.setdefault(document[key], []).extend(found)
        marked = {value: found for value, found in texts.items() if found}
        if not marked or len(texts) < 2 or not all(isinstance(v, str) for v in marked):
            continue
        value = max(marked, key=lambda each: len("".join(marked[each])))
        if len(marked) == 1:
            comments.add(
                ("response", "delta"),
                f"its texts come in documents of {key} {value!r} alone; should others carry "
                f"text there, add filter: {{path: $.{key}, equals: {value}}}",
            )
            return None
        others = ", ".join(repr(other) for other in marked if other != value)
        comments.add(
            ("response", "filter"),
            f"the answer is taken to be the texts of {key} {value!r}; documents of {key} "
            f"{others} have texts there too, left out",
            undecided=True,
        )
        return {"path": member("$", key), "equals": value}, "".join(marked[value])
    return None


def _has_text(document: dict[str, Any], path: str) -> bool:
    return any(p == path and v for p, v in _leaves(document))


def _stop(documents: list[Any], framing: str) -> dict[str, Any] | None:
    """The last document's mark, where it has one the others do not: ``done: true``, or a
    type of its own."""
    if framing in ("json", "json_array") or len(documents) < 2:
        return None
    last, earlier = documents[-1], documents[:-1]
    if not isinstance(last, dict):
        return None
    for key, value in last.items():
        if value is True and all(isinstance(d, dict) and d.get(key) is not True for d in earlier):
            return {"path": member("$", key)}
    for key in _TYPE_KEYS:
        value = last.get(key)
        if isinstance(value, str) and all(
            isinstance(d, dict) and d.get(key) != value for d in earlier
        ):
            return {"path": member("$", key), "equals": value}
    return None


def _content_types(section: dict[str, Any], response: CapturedResponse, framing: str) -> None:
    media = response.media_type
    if media and media != _DEFAULT_TYPES.get(framing, media):
        section["content_types"] = [media]
