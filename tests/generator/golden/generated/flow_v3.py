# Generated from tests/generator/golden/specs/flow_v3.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Flow streaming provider, generated from its spec."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import re
import time
import uuid
from collections.abc import AsyncGenerator, Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._call import Call
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    NDJSONFraming,
    Shape,
    UnsetType,
    json_equals,
    json_one_of,
    member,
)
from ._runtime._messages import Message, content_text, last_message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._steps import Step, StepCache, text_of
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path, quote_query
from ._runtime._values import utf8

_model_id_table: dict[str, str] = {"flow-1": "one", "flow-2": "two"}


_settings_table: dict[str, Any] = {"flow-1": {"temperature": 0.5}}


_tools_table: dict[str, Any] = {"flow-2": {"search": True}}


_session_step = Step(
    provider="Flow",
    name="session",
    method="POST",
    url="https://flow.example/api/session",
    moves_with_base_url=False,
)


# Step session's values, kept for a time.
_session_cache = StepCache(seconds=600)


def _token_path(node: object) -> object:
    # The value at JSONPath '$.data.token', or MISSING.
    if not isinstance(node, dict) or "data" not in node:
        return MISSING
    node = node["data"]
    if not isinstance(node, dict) or "token" not in node:
        return MISSING
    node = node["token"]
    return node


_page_step = Step(
    provider="Flow",
    name="page",
    method="GET",
    url="https://flow.example/chat?lang=en",
    moves_with_base_url=False,
)


_nonce_pattern = re.compile('data-nonce="([^"]+)"')


_config_pattern = re.compile('data-config="([^"]*)"')


def _config_path(node: object) -> object:
    # The value at JSONPath '$.id', or MISSING.
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


_conversation_id_step = Step(
    provider="Flow",
    name="conversation_id",
    method="POST",
    url="https://flow.example/api/conversation",
    body_format="form",
    moves_with_base_url=False,
)


def _conversation_id_path(node: object) -> object:
    # The value at JSONPath '$.conversation.id', or MISSING.
    if not isinstance(node, dict) or "conversation" not in node:
        return MISSING
    node = node["conversation"]
    if not isinstance(node, dict) or "id" not in node:
        return MISSING
    node = node["id"]
    return node


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # filter '$.type'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "message" in document:
            node_1 = document["message"]
            if isinstance(node_1, dict) and "content" in node_1:
                delta = node_1["content"]
        if "done" in document:
            stop = document["done"]
        if "type" in document:
            filter = document["type"]
        if "error" in document:
            error = document["error"]
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, ("live", "final"))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


class _Shape1(Shape):
    # The members of '$.message' that the paths read.
    content: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    message: _Shape1 | UnsetType = UNSET
    done: object = MISSING
    _member_3: object = member(default=MISSING, name="type")
    error: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # filter '$.type'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    filter: object = MISSING
    error: object = MISSING
    node_1 = document.message
    if node_1 is not UNSET:
        delta = node_1.content
    stop = document.done
    filter = document._member_3
    error = document.error
    if error is not None and error is not MISSING:
        return error, False
    counts = json_one_of(filter, ("live", "final"))
    if counts and type(delta) is str and delta:
        items.append(delta)
    return None, json_equals(stop, True)


_ENDPOINT = Endpoint(
    provider="Flow",
    method="POST",
    url="https://${host}/api/conversation/${conversation_id}?signature=${signature}",
    framing=NDJSONFraming(
        rules=DocumentRules(
            walk=_read_document,
            shape=_Document,
            shape_walk=_read_shape,
            has_stop=True,
            cumulative="restart",
        ),
        content_types=("application/x-ndjson",),
    ),
    secrets=("FLOW_SECRET",),
)


class Flow(AsyncGeneratorProvider):
    """Streams answers from the Flow endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "A token, a nonce from a page, a signed request, a cumulative filtered answer."
    )
    url: ClassVar[str] = "https://flow.example"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "flow-1"
    models: ClassVar[tuple[str, ...]] = ("flow-1", "flow-2")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The caller's token.
        auth: str,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        call = _ENDPOINT.call(
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
            secret_values={"auth": auth},
        )
        return call.answer(lambda: cls._exchanges(call, model, messages, auth))

    @classmethod
    async def _exchanges(
        cls,
        call: Call,
        model: str,
        messages: Sequence[Message],
        auth: str,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Steps session, page, conversation_id, then the streamed request: the call's exchanges,
        in order.
        """
        model = model or "flow-1"
        base_url = call.options.base_url
        host = random.choice(("a.flow.example", "b.flow.example"))
        now = int(time.time() * 1000)
        seconds = int(time.time())
        day = time.strftime("%Y-%m-%d", time.localtime())
        request_id = str(uuid.uuid4())
        nonce_text = "".join(random.choices("abcdef0123456789", k=16))
        salt = random.randint(1, 99999999)
        history = list(messages[:-1])
        question = last_message(messages, "user")
        lines = (
            "\n".join(
                [
                    {"user": "Human"}.get(message["role"], message["role"])
                    + ": "
                    + content_text(message["content"])
                    for message in messages
                ]
            )
            + "\nAssistant:"
        )
        model_id = _ENDPOINT.entry("model_id", _model_id_table, model)
        settings = _settings_table.get(model, {"temperature": 1})
        conversation = json.dumps({"history": history, "question": question}, separators=(",", ":"))
        checksum = hashlib.md5(utf8(lines)).hexdigest()
        backwards = checksum[::-1]
        sha1_of_day = hashlib.sha1(utf8(day)).hexdigest()
        mac = hmac.new(
            utf8(_ENDPOINT.secret("FLOW_SECRET", base_url)), utf8(str(now)), hashlib.sha256
        ).hexdigest()
        call.hide(mac, "mac")
        site_mac = hmac.new(
            utf8("a key the site's script holds"), utf8(str(now)), hashlib.sha256
        ).hexdigest()
        tools = _tools_table.get(model)
        encoded = base64.b64encode(utf8(request_id)).decode()
        size = len(lines)
        label = "flow/" + model_id
        kept = call.kept(_session_cache, _session_step)
        if kept is None:
            answer = await call.fetch(_session_step, {}, None)
            kept = call.keep(
                _session_cache,
                _session_step,
                {"token": answer.json_value("token", "$.data.token", _token_path(answer.json()))},
            )
        token = kept["token"]
        signature = base64.b64encode(
            hashlib.sha256(utf8(str(now) + ":" + question + ":" + text_of(token))).digest()
        ).decode()
        call.hide(signature, "signature")
        answer = await call.fetch(_page_step, {"Authorization": "Bearer " + text_of(token)}, None)
        nonce = answer.match("nonce", _nonce_pattern)
        config = answer.json_value(
            "config", "$.id", _config_path(answer.matched_json("config", _config_pattern))
        )
        trace = answer.header("trace", "X-Trace")
        cookie_value = answer.cookie("cookie_value", "sid")
        answer = await call.fetch(
            _conversation_id_step, {}, {"nonce": nonce, "model": model_id, "salt": salt}
        )
        conversation_id = answer.json_value(
            "conversation_id", "$.conversation.id", _conversation_id_path(answer.json())
        )
        endpoint_url = (
            "https://"
            + host
            + "/api/conversation/"
            + quote_path(conversation_id)
            + "?signature="
            + quote_query(signature)
        )
        headers: dict[str, str] = {
            "X-Nonce": nonce,
            "X-Trace": trace,
            "X-Mac": mac,
            "X-Site-Mac": site_mac,
            "X-Config": text_of(config),
            "X-Day": sha1_of_day,
            "Cookie": "other=" + cookie_value,
            "Authorization": auth,
        }
        body: dict[str, Any] = {
            "id": request_id,
            "nonce": nonce_text,
            "conversation": conversation,
            "settings": settings,
            "lines": lines,
            "size": size,
            "label": label,
            "backwards": backwards,
            "encoded": encoded,
            "at": seconds,
            **({"tools": tools} if tools is not None else {}),
        }
        async for items in call.streamed(
            _ENDPOINT,
            headers,
            body,
            url=endpoint_url,
        ):
            yield items
