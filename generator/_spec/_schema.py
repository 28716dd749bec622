"""The structure of a spec, as one JSON Schema.

The validator checks every spec against this schema, and ``python -m generator schema`` writes it
out for editors (``docs/spec.schema.json``), so both always agree. What a schema cannot say
(JSONPath syntax, placeholders, identifiers, name clashes) is checked in ``_parser``.
"""

from __future__ import annotations

import json

from ..runtime._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_INITIAL_BACKOFF,
    DEFAULT_MAX_BACKOFF,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_SILENT_STREAMS,
    DEFAULT_TOTAL_TIMEOUT,
)
from ._auth_section import AUTH_SCHEMA
from ._formats import VERSION_SCHEMA
from ._response_section import FRAMINGS
from ._schema_parts import (
    LARGEST_RESPONSE,
    LONGEST_BACKOFF,
    LONGEST_TIMEOUT,
    MOST_RETRIES,
    Schema,
    flag,
    merge_properties,
    object_schema,
)
from ._steps_section import STEP_SCHEMA
from ._values_section import VALUE_SCHEMA

__all__ = ["SCHEMA_ID", "SPEC_SCHEMA", "schema_text"]

SCHEMA_ID = "https://streamgen.invalid/spec.schema.json"

_IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]*$"
_HTTP_URL = "^https?://"
_ENDPOINT_URL = "^(https?|wss?)://"


def _seconds(value: float) -> str:
    """``10.0`` -> ``10``: defaults as a person writes them."""
    return f"{value:g}"


_PROVIDER = object_schema(
    {
        "class": {
            "type": "string",
            "pattern": _IDENTIFIER,
            "description": "Name of the generated provider class, e.g. CodeLinkAva.",
        },
        "module": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
            "description": "Name of the generated module: <module>.py in the output package.",
        },
        "description": {"type": "string", "description": "What this provider is, for people."},
        "url": {
            "type": "string",
            "pattern": _HTTP_URL,
            "description": "The provider's web site (the `url` class attribute); ${url} in headers.",
        },
        "working": flag("Whether the live endpoint works today."),
        "supports_stream": flag("The provider streams its answer. Default true."),
        "supports_gpt_35_turbo": flag("Serves gpt-3.5-turbo. Default false."),
        "supports_gpt_4": flag("Serves gpt-4. Default false."),
        "supports_message_history": flag("Takes the whole conversation. Default true."),
        "default_model": {
            "type": "string",
            "description": "Model used when the caller passes an empty model name.",
        },
        "models": {
            "type": "array",
            "items": {"type": "string"},
            "uniqueItems": True,
            "description": "Models this provider serves.",
        },
    },
    ["class", "module", "url", "working"],
    "Who the provider is: the generated class and its attributes.",
)

_PARAMETER = object_schema(
    {
        "type": {
            "enum": ["str", "int", "float", "bool"],
            "description": "Python type of the keyword argument.",
        },
        "default": {
            "type": ["string", "number", "boolean", "null"],
            "description": "Default value. null makes it optional: left out of the body when None.",
        },
        "required": flag("The caller must pass it (no default). Default false."),
        "description": {"type": "string", "description": "What the parameter does."},
        "secret": flag(
            "Version 3: its value is a secret (a token, cookies), kept out of every error and "
            "recording. Default false."
        ),
    },
    ["type"],
    "A keyword argument of create_async_generator, used in the body as ${name}.",
)

_MESSAGES = object_schema(
    {
        "system": {
            "enum": ["keep", "separate"],
            "description": (
                "System messages: kept in ${messages} (default), or taken out of it; "
                "${system} holds their text either way."
            ),
        },
        "roles": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Role renames, e.g. {assistant: model}.",
        },
        "content": {
            "enum": ["parts", "text"],
            "description": (
                "A content given as a list of parts: passed on as it is (default), or sent as "
                "the text of its text parts."
            ),
        },
        "item": {
            "type": "object",
            "description": "The template of one message, with ${role} and ${content}.",
        },
    },
    [],
    "Version 2: how the caller's messages become ${messages}.",
)

_REQUEST = object_schema(
    {
        "method": {
            "enum": ["POST", "GET", "PUT", "PATCH"],
            "description": "HTTP method. Default POST.",
        },
        "url": {
            "type": "string",
            "pattern": _ENDPOINT_URL,
            "description": (
                "The endpoint's URL; base_url= replaces its scheme, host and port. Version 2: "
                "placeholders in the path (sent as one path segment) and the query (as a value)."
            ),
        },
        "headers": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Request headers. Values may use ${url}, ${env.NAME} and parameters.",
        },
        "parameters": {
            "type": "object",
            "additionalProperties": _PARAMETER,
            "description": "Declared keyword arguments, each with a type and a default.",
        },
        "extra_kwargs": {
            "enum": ["merge", "ignore", "reject"],
            "description": (
                "Undeclared keyword arguments: merged into the body's top level (default with "
                "a body), ignored, or rejected with a TypeError (default without one)."
            ),
        },
        "messages": _MESSAGES,
        "body_format": {
            "enum": ["json", "form"],
            "description": "Version 2: the body as JSON (default) or URL-encoded form fields.",
        },
        "body": {
            "type": "object",
            "description": (
                "The body template; strings may hold ${placeholders}. Version 2: leave it out "
                "to send no body."
            ),
        },
        "send": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string", "description": "A text message's template."},
                    "json": {"description": "A value sent as a JSON text message."},
                    "wait": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 100,
                        "description": "Wait for this many messages (passed over) first.",
                    },
                },
                "additionalProperties": False,
                "minProperties": 1,
                "maxProperties": 1,
            },
            "description": "Version 3, WebSocket: what is sent once connected, in order.",
        },
    },
    ["url"],
    "The HTTP request, or the WebSocket connection (a ws:// or wss:// URL).",
)

_STEP = object_schema(
    {
        **{
            key: value
            for key, value in _REQUEST["properties"].items()
            if key in ("method", "url", "headers", "body_format", "body")
        },
        **STEP_SCHEMA["properties"],
    },
    ["url"],
    STEP_SCHEMA["description"],
)


def _response() -> Schema:
    """The ``response`` section: the keys every framing has, then each framing's own."""
    defaults = ", ".join(
        f"{name} {' or '.join(framing.default_content_types)}" for name, framing in FRAMINGS.items()
    )
    common: Schema = {
        "framing": {
            "enum": list(FRAMINGS),
            "description": "; ".join(f"{name}: {f.description}" for name, f in FRAMINGS.items()),
        },
        "content_types": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "description": f"Accepted response media types; */* accepts any. Default: {defaults}.",
        },
        "max_response_bytes": {
            "type": "integer",
            "minimum": 1,
            "maximum": LARGEST_RESPONSE,
            "description": (
                "The most a response may carry in all, decompressed. "
                f"Default {DEFAULT_MAX_RESPONSE_BYTES} (64 MiB)."
            ),
        },
    }
    properties = merge_properties(common, *(framing.properties for framing in FRAMINGS.values()))
    schema = object_schema(properties, ["framing"], "How the answer streams back.")
    schema["allOf"] = [
        {
            "if": {"properties": {"framing": {"const": name}}, "required": ["framing"]},
            "then": {"required": list(framing.required)},
        }
        for name, framing in FRAMINGS.items()
        if framing.required
    ]
    return schema


_RESPONSE = _response()

_TIMEOUTS = object_schema(
    {
        name: {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": LONGEST_TIMEOUT,
            "description": description,
        }
        for name, description in [
            ("connect", f"Seconds to connect. Default {_seconds(DEFAULT_CONNECT_TIMEOUT)}."),
            (
                "idle",
                f"Seconds without a byte, mid-stream. Default {_seconds(DEFAULT_IDLE_TIMEOUT)}.",
            ),
            (
                "total",
                "Seconds for the whole call, retries included. "
                f"Default {_seconds(DEFAULT_TOTAL_TIMEOUT)}.",
            ),
        ]
    },
    [],
    "Default timeouts; a caller may override them per call.",
)

_RETRIES = object_schema(
    {
        "max_retries": {
            "type": "integer",
            "minimum": 0,
            "maximum": MOST_RETRIES,
            "description": f"Default {DEFAULT_MAX_RETRIES}.",
        },
        "initial_backoff": {
            "type": "number",
            "minimum": 0,
            "maximum": LONGEST_BACKOFF,
            "description": (
                "Seconds before the first retry, doubled each time. "
                f"Default {_seconds(DEFAULT_INITIAL_BACKOFF)}."
            ),
        },
        "max_backoff": {
            "type": "number",
            "minimum": 0,
            "maximum": LONGEST_BACKOFF,
            "description": (
                "The longest wait between attempts, the server's Retry-After included. "
                f"Default {_seconds(DEFAULT_MAX_BACKOFF)}."
            ),
        },
        "silent_streams": flag(
            "Retry a stream that answered 200 but failed before yielding anything. "
            f"Default {str(DEFAULT_RETRY_SILENT_STREAMS).lower()}."
        ),
    },
    [],
    "Retries on connection errors, 408, 429 and 5xx, before anything has been yielded only.",
)

SPEC_SCHEMA: Schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Streaming provider spec",
    **object_schema(
        {
            "version": VERSION_SCHEMA,
            "provider": _PROVIDER,
            "values": {
                "type": "object",
                "additionalProperties": VALUE_SCHEMA,
                "description": "Version 3: values computed once per call, used as ${name}.",
            },
            "steps": {
                "type": "object",
                "additionalProperties": _STEP,
                "description": (
                    "Version 3: requests made before the streamed one, in order; what each "
                    "takes from its answer is ${name} after it."
                ),
            },
            "request": _REQUEST,
            "response": _RESPONSE,
            "timeouts": _TIMEOUTS,
            "retries": _RETRIES,
            "auth": AUTH_SCHEMA,
        },
        ["version", "provider", "request", "response"],
        "One streaming endpoint, from which one provider module is generated.",
    ),
}


def schema_text() -> str:
    """The schema as the JSON text committed in docs/spec.schema.json."""
    return json.dumps(SPEC_SCHEMA, indent=2, ensure_ascii=False) + "\n"
