"""OpenAI's Responses API, as the gateway reads and answers it: ``POST /v1/responses``.

A request is read into the chat request the gateway serves (``instructions`` as a first system
message, ``input`` text or message items with their text parts, ``max_output_tokens`` as
``max_tokens``, every other field passed on); an answer is one output message of one
``output_text`` part, streamed as the Responses API's events (``response.created``, the item
and part added, ``response.output_text.delta``, the text, part and item done,
``response.completed`` with the usage; ``response.failed`` when it fails once begun) or whole.
Errors before an answer are the chat API's, OpenAI's shape.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import msgspec

from ._events import Usage
from ._gateway_errors import GatewayError
from ._openai_format import valid_text

__all__ = ["ResponseEncoder", "response_body", "responses_chat_document"]

_TEXT_PARTS = frozenset({"input_text", "output_text", "text"})
_ROLES = frozenset({"user", "assistant", "system", "developer"})

_encode = msgspec.json.encode


def _invalid(message: str, param: str = "input") -> GatewayError:
    return GatewayError(
        400, message, type="invalid_request_error", code="invalid_value", param=param
    )


def responses_chat_document(document: dict[str, Any]) -> dict[str, Any]:
    """The chat request a Responses API request asks for; raises GatewayError (400)."""
    chat = {k: v for k, v in document.items() if k not in ("input", "instructions")}
    if document.get("stream") is True:  # response.completed tells the usage: ask for it
        chat["stream_options"] = {"include_usage": True}
    if "max_output_tokens" in chat:
        chat.setdefault("max_tokens", chat.pop("max_output_tokens"))
    instructions = document.get("instructions")
    if instructions is not None and not isinstance(instructions, str):
        raise _invalid("instructions must be text", "instructions")
    given = document.get("input")
    if isinstance(given, str):
        messages = [{"role": "user", "content": given}]
    elif isinstance(given, list):
        messages = [_message(item, index) for index, item in enumerate(given)]
    else:
        raise _invalid("input must be text or a list of messages")
    system = [{"role": "system", "content": instructions}] if instructions else []
    chat["messages"] = system + messages
    return chat


def _message(item: object, index: int) -> dict[str, Any]:
    where = f"input[{index}]"
    if not isinstance(item, dict) or item.get("type", "message") != "message":
        kind = item.get("type") if isinstance(item, dict) else type(item).__name__
        raise _invalid(f"{where} is a {kind!r} item: only messages are served")
    role = item.get("role")
    if role not in _ROLES:
        raise _invalid(f"{where}.role must be user, assistant, system or developer")
    role = "system" if role == "developer" else role
    content = item.get("content")
    if isinstance(content, str):
        return {"role": role, "content": content}
    if not isinstance(content, list):
        raise _invalid(f"{where}.content must be text or a list of parts")
    parts = []
    for number, part in enumerate(content):
        if not isinstance(part, dict) or part.get("type") not in _TEXT_PARTS:
            kind = part.get("type") if isinstance(part, dict) else type(part).__name__
            raise _invalid(f"{where}.content[{number}] is a {kind!r} part: only text is served")
        if not isinstance(part.get("text"), str):
            raise _invalid(f"{where}.content[{number}].text must be text")
        parts.append({"type": "text", "text": part["text"]})
    return {"role": role, "content": parts}


def _usage(usage: Usage | None) -> dict[str, Any] | None:
    if usage is None:
        return None
    inputs, outputs = usage.input_tokens or 0, usage.output_tokens or 0
    return {
        "input_tokens": inputs,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": outputs,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": inputs + outputs,
    }


def _response(
    response_id: str, model: str, status: str, output: list[dict[str, Any]], **fields: Any
) -> dict[str, Any]:
    return {
        "id": response_id,
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "model": model,
        "output": output,
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "parallel_tool_calls": True,
        "temperature": None,
        "tool_choice": "auto",
        "tools": [],
        "top_p": None,
        "usage": None,
        **fields,
    }


def _item(item_id: str, text: str | None) -> dict[str, Any]:
    done = text is not None
    content = [_part(text)] if done else []
    status = "completed" if done else "in_progress"
    return {
        "id": item_id,
        "type": "message",
        "status": status,
        "role": "assistant",
        "content": content,
    }


def _part(text: str | None) -> dict[str, Any]:
    return {"type": "output_text", "text": valid_text(text or ""), "annotations": []}


def response_body(model: str, text: str, usage: Usage | None) -> dict[str, Any]:
    """A whole Responses API answer: one message of one text part."""
    item = _item(f"msg_{uuid.uuid4().hex}", text)
    return _response(f"resp_{uuid.uuid4().hex}", model, "completed", [item], usage=_usage(usage))


class ResponseEncoder:
    """The events of one streamed answer, numbered as the Responses API numbers them."""

    def __init__(self, model: str) -> None:
        self._model = model
        self._id = f"resp_{uuid.uuid4().hex}"
        self._item = f"msg_{uuid.uuid4().hex}"
        self._number = -1
        self._text: list[str] = []

    def _event(self, kind: str, **data: Any) -> bytes:
        self._number += 1
        fields = {"type": kind, "sequence_number": self._number, **data}
        return b"event: " + kind.encode() + b"\ndata: " + _encode(fields) + b"\n\n"

    def start(self) -> bytes:
        """The answer created, its message and its text part added."""
        response = _response(self._id, self._model, "in_progress", [])
        where = {"item_id": self._item, "output_index": 0, "content_index": 0}
        return (
            self._event("response.created", response=response)
            + self._event("response.in_progress", response=response)
            + self._event(
                "response.output_item.added", output_index=0, item=_item(self._item, None)
            )
            + self._event("response.content_part.added", **where, part=_part(""))
        )

    def text(self, text: str) -> bytes:
        self._text.append(text)
        where = {"item_id": self._item, "output_index": 0, "content_index": 0}
        return self._event(
            "response.output_text.delta", **where, delta=valid_text(text), logprobs=[]
        )

    def end(self, usage: Usage | None) -> bytes:
        """The text, part and message done, and the answer completed with its usage."""
        text = "".join(self._text)
        where = {"item_id": self._item, "output_index": 0, "content_index": 0}
        item = _item(self._item, text)
        response = _response(self._id, self._model, "completed", [item], usage=_usage(usage))
        return (
            self._event("response.output_text.done", **where, text=valid_text(text), logprobs=[])
            + self._event("response.content_part.done", **where, part=_part(text))
            + self._event("response.output_item.done", output_index=0, item=item)
            + self._event("response.completed", response=response)
        )

    def failed(self, error: GatewayError) -> bytes:
        """The last event of an answer that failed once it had begun."""
        failure = {"code": error.code or error.type, "message": valid_text(error.message)}
        item = _item(self._item, "".join(self._text)) | {"status": "incomplete"}
        response = _response(self._id, self._model, "failed", [item], error=failure)
        return self._event("response.failed", response=response)
