"""The structure of a spec, as one JSON Schema.

The validator checks every spec against this schema, and ``python -m generator schema`` writes it
out for editors (``docs/spec.schema.json``), so both always agree. What a schema cannot say
(JSONPath syntax, placeholders, identifiers, name clashes) is checked in ``_parser``.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://streamgen.invalid/spec.schema.json"

_IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]*$"
_HTTP_URL = "^https?://"
_JSONPATH = {"type": "string", "pattern": "^\\$", "description": "A JSONPath (RFC 9535)."}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _flag(description: str) -> dict[str, Any]:
    return {"type": "boolean", "description": description}


_PROVIDER = _object(
    {
        "class": {
            "type": "string",
            "pattern": _IDENTIFIER,
            "description": "Name of the generated provider class, e.g. CodeLinkAva.",
        },
        "module": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
            "description": "Name of the generated module: generated/<module>.py.",
        },
        "description": {"type": "string", "description": "What this provider is, for people."},
        "url": {
            "type": "string",
            "pattern": _HTTP_URL,
            "description": "The provider's web site (the `url` class attribute); ${url} in headers.",
        },
        "working": _flag("Whether the live endpoint works today."),
        "supports_stream": _flag("The provider streams its answer. Default true."),
        "supports_gpt_35_turbo": _flag("Serves gpt-3.5-turbo. Default false."),
        "supports_gpt_4": _flag("Serves gpt-4. Default false."),
        "supports_message_history": _flag("Takes the whole conversation. Default true."),
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

_PARAMETER = _object(
    {
        "type": {
            "enum": ["str", "int", "float", "bool"],
            "description": "Python type of the keyword argument.",
        },
        "default": {
            "type": ["string", "number", "boolean", "null"],
            "description": "Default value. null makes it optional: left out of the body when None.",
        },
        "required": _flag("The caller must pass it (no default). Default false."),
        "description": {"type": "string", "description": "What the parameter does."},
    },
    ["type"],
    "A keyword argument of create_async_generator, used in the body as ${name}.",
)

_REQUEST = _object(
    {
        "method": {
            "enum": ["POST", "GET", "PUT", "PATCH"],
            "description": "HTTP method. Default POST.",
        },
        "url": {
            "type": "string",
            "pattern": _HTTP_URL,
            "description": "The endpoint's URL; base_url= replaces its scheme, host and port.",
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
                "Undeclared keyword arguments: merged into the body's top level (default), "
                "ignored, or rejected with a TypeError."
            ),
        },
        "body": {
            "type": "object",
            "description": "JSON body template; strings may hold ${placeholders}.",
        },
    },
    ["url", "body"],
    "The HTTP request.",
)

_STOP = _object(
    {
        "data": {
            "type": "string",
            "description": "SSE: stop when an event's data is exactly this.",
        },
        "event": {"type": "string", "description": "SSE: stop at an event of this type."},
        "path": {
            **_JSONPATH,
            "description": "Stop when the value at this JSONPath equals `equals`.",
        },
        "equals": {
            "type": ["string", "number", "boolean", "null"],
            "description": "The value `path` must have to stop. Default true.",
        },
    },
    [],
    "When the answer is complete. Without it, the end of the body ends the answer.",
)

_ERROR = _object(
    {
        "event": {"type": "string", "description": "SSE: an event of this type is an error."},
        "message": {
            **_JSONPATH,
            "description": "JSONPath of the server's error message; its presence means an error.",
        },
    },
    [],
    "How the stream reports an error.",
)

_RESPONSE: dict[str, Any] = _object(
    {
        "framing": {
            "enum": ["sse", "ndjson", "text"],
            "description": "sse: server-sent events; ndjson: a JSON document a line; text: raw.",
        },
        "delta": {**_JSONPATH, "description": "JSONPath of the text delta in each JSON event."},
        "non_string_delta": {
            "enum": ["skip", "convert"],
            "description": "A delta that is not a string: skipped (default) or converted to text.",
        },
        "events": {
            "type": "array",
            "items": {"type": "string"},
            "description": "SSE: take deltas only from events of these types.",
        },
        "stop": _STOP,
        "error": _ERROR,
        "content_types": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "description": "Accepted response media types; */* accepts any.",
        },
        "max_event_size": {
            "type": "integer",
            "minimum": 1,
            "description": "Largest line or event, in characters. Default 1 MiB.",
        },
    },
    ["framing"],
    "How the answer streams back.",
)
# JSON framings need a delta path; raw text is the delta.
_RESPONSE["if"] = {"properties": {"framing": {"enum": ["sse", "ndjson"]}}}
_RESPONSE["then"] = {"required": ["delta"]}

_TIMEOUTS = _object(
    {
        name: {"type": "number", "exclusiveMinimum": 0, "description": description}
        for name, description in [
            ("connect", "Seconds to connect. Default 10."),
            ("idle", "Seconds without a byte, mid-stream. Default 60."),
            ("total", "Seconds for the whole call, retries included. Default 600."),
        ]
    },
    [],
    "Default timeouts; a caller may override them per call.",
)

_RETRIES = _object(
    {
        "max_retries": {"type": "integer", "minimum": 0, "description": "Default 2."},
        "initial_backoff": {
            "type": "number",
            "minimum": 0,
            "description": "Seconds before the first retry, doubled each time. Default 0.5.",
        },
        "max_backoff": {"type": "number", "minimum": 0, "description": "Default 8."},
    },
    [],
    "Retries on connection errors, 408, 429 and 5xx, before the first delta only.",
)

SPEC_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Streaming provider spec",
    **_object(
        {
            "version": {"const": 1, "description": "Spec format version."},
            "provider": _PROVIDER,
            "request": _REQUEST,
            "response": _RESPONSE,
            "timeouts": _TIMEOUTS,
            "retries": _RETRIES,
        },
        ["version", "provider", "request", "response"],
        "One streaming endpoint, from which one provider module is generated.",
    ),
}


def schema_text() -> str:
    """The schema as the JSON text committed in docs/spec.schema.json."""
    return json.dumps(SPEC_SCHEMA, indent=2, ensure_ascii=False) + "\n"
