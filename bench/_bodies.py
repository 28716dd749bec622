"""The streamed bodies the bench server sends, and what a client must read from them.

Four wire formats, each as its API streams it: OpenAI chat-completion chunks over SSE ending in
``data: [DONE]``, Anthropic's typed Messages events over SSE ending in ``message_stop``,
Ollama's ``/api/chat`` NDJSON ending in a ``"done": true`` line, and the cumulative events of
ChatGPT's 2023 web backend (each carries the whole text so far; gpt4free's OpenaiChat read
them). The text deltas cycle through ``WORDS``, so every delta is non-empty, they differ, and
their text must really be extracted.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "WORDS",
    "Body",
    "Format",
    "body",
    "encoded",
    "parse_format",
    "text_length",
    "whole_texts_length",
]

Format = Literal["openai", "anthropic", "ndjson", "cumulative"]
FORMATS: tuple[Format, ...] = ("openai", "anthropic", "ndjson", "cumulative")

MEDIA_TYPES: dict[Format, str] = {
    "openai": "text/event-stream",
    "anthropic": "text/event-stream",
    "ndjson": "application/x-ndjson",
    "cumulative": "text/event-stream",
}

ANSWER_WORDS = 60
"""Words of each answer of a cumulative stream: its events carry the text so far, so a stream
of many events is many answers one after another, each started anew (a multiple of six, the
cycle of ``WORDS``, so that every answer is the same)."""

# A non-ASCII word makes characters and bytes differ; a line break is escaped in JSON, as a model's
# newlines are, so line-based readers must still see one line per event.
WORDS = ("Hello", ",", " world", " café", "\n", " again")

_OPENAI_MODEL = "gpt-4o-mini"
_ANTHROPIC_MODEL = "claude-3-5-haiku-20241022"
_OLLAMA_MODEL = "llama3.2"
_CREATED_AT = "2024-11-14T10:00:00.000000Z"


@dataclass(frozen=True)
class Body:
    """A streamed body: ``head``, ``count`` events cycling through ``events``, then ``tail``.

    Only the distinct events are held, so a body of a million events costs nothing until it is
    joined.
    """

    head: bytes
    events: tuple[bytes, ...]
    tail: bytes
    count: int

    def pieces(self) -> Iterator[bytes]:
        """The body as the API writes it: the head, each event, then the tail."""
        yield self.head
        for index in range(self.count):
            yield self.events[index % len(self.events)]
        yield self.tail

    @property
    def size(self) -> int:
        """The length of the body in bytes."""
        events = _cycled_total([len(event) for event in self.events], self.count)
        return len(self.head) + events + len(self.tail)


def parse_format(name: str) -> Format:
    """``name`` as a format; ValueError if it is none."""
    for known in FORMATS:
        if name == known:
            return known
    raise ValueError(f"unknown format {name!r}: expected one of {', '.join(FORMATS)}")


def text_length(count: int) -> int:
    """The characters of text in a body of ``count`` events."""
    return _cycled_total([len(word) for word in WORDS], count)


def whole_texts_length(count: int) -> int:
    """The characters of the whole texts a cumulative body's ``count`` events carry."""
    answer = [len(WORDS[index % len(WORDS)]) for index in range(ANSWER_WORDS)]
    return _cycled_total(list(itertools.accumulate(answer)), count)


@functools.cache
def body(fmt: Format, count: int) -> Body:
    """The body of ``count`` text deltas in format ``fmt``."""
    if fmt == "openai":
        return _openai(count)
    if fmt == "anthropic":
        return _anthropic(count)
    if fmt == "cumulative":
        return _cumulative(count)
    return _ndjson(count)


@functools.cache
def encoded(fmt: Format, count: int) -> bytes:
    """The whole body of ``count`` text deltas in format ``fmt``, joined once and kept."""
    return b"".join(body(fmt, count).pieces())


def _cycled_total(lengths: Sequence[int], count: int) -> int:
    """The sum of the first ``count`` items of ``lengths`` repeated end to end."""
    rounds, rest = divmod(count, len(lengths))
    return rounds * sum(lengths) + sum(lengths[:rest])


def _json(document: object) -> str:
    # Compact, and UTF-8 as the APIs send it rather than \u escapes.
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _sse(data: object, event: str | None = None) -> bytes:
    named = "" if event is None else f"event: {event}\n"
    return f"{named}data: {_json(data)}\n\n".encode()


def _openai_chunk(delta: dict[str, str], finish_reason: str | None) -> bytes:
    return _sse(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": 1731600000,
            "model": _OPENAI_MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }
    )


def _openai(count: int) -> Body:
    # The API opens with the role and empty content, and closes with an empty delta and a reason.
    return Body(
        head=_openai_chunk({"role": "assistant", "content": ""}, None),
        events=tuple(_openai_chunk({"content": word}, None) for word in WORDS),
        tail=_openai_chunk({}, "stop") + b"data: [DONE]\n\n",
        count=count,
    )


def _anthropic(count: int) -> Body:
    message: dict[str, object] = {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "content": [],
        "model": _ANTHROPIC_MODEL,
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 8, "output_tokens": 1},
    }
    block = {"type": "text", "text": ""}
    return Body(
        head=_sse({"type": "message_start", "message": message}, "message_start")
        + _sse(
            {"type": "content_block_start", "index": 0, "content_block": block},
            "content_block_start",
        )
        + _sse({"type": "ping"}, "ping"),
        events=tuple(
            _sse(
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": word},
                },
                "content_block_delta",
            )
            for word in WORDS
        ),
        tail=_sse({"type": "content_block_stop", "index": 0}, "content_block_stop")
        + _sse(
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": count},
            },
            "message_delta",
        )
        + _sse({"type": "message_stop"}, "message_stop"),
        count=count,
    )


def _ndjson_line(document: dict[str, object]) -> bytes:
    return (_json({"model": _OLLAMA_MODEL, "created_at": _CREATED_AT, **document}) + "\n").encode()


def _ndjson(count: int) -> Body:
    last = {
        "message": {"role": "assistant", "content": ""},
        "done_reason": "stop",
        "done": True,
        "total_duration": 2419802959,
        "load_duration": 21040917,
        "prompt_eval_count": 8,
        "prompt_eval_duration": 125000000,
        "eval_count": count,
        "eval_duration": 2271000000,
    }
    return Body(
        head=b"",
        events=tuple(
            _ndjson_line({"message": {"role": "assistant", "content": word}, "done": False})
            for word in WORDS
        ),
        tail=_ndjson_line(last),
        count=count,
    )


def _cumulative_event(text: str) -> bytes:
    return _sse(
        {
            "message": {
                "id": "msg-bench",
                "author": {"role": "assistant"},
                "content": {"content_type": "text", "parts": [text]},
                "status": "in_progress",
                "metadata": {"message_type": "next", "model_slug": "text-davinci-002-render-sha"},
            },
            "conversation_id": "conversation-bench",
            "error": None,
        }
    )


def _cumulative(count: int) -> Body:
    # Event i carries the answer's first i + 1 words: each adds one word to the one before, and
    # the first of an answer starts it over.
    answer = [WORDS[index % len(WORDS)] for index in range(ANSWER_WORDS)]
    texts = ["".join(answer[: end + 1]) for end in range(ANSWER_WORDS)]
    return Body(
        head=b"",
        events=tuple(_cumulative_event(text) for text in texts),
        tail=b"data: [DONE]\n\n",
        count=count,
    )
