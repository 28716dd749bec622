"""Pieces of JSON Schema that the spec format is written with."""

from __future__ import annotations

from typing import Any

__all__ = [
    "JSONPATH",
    "LARGEST_EVENT",
    "LARGEST_RESPONSE",
    "LONGEST_BACKOFF",
    "LONGEST_TIMEOUT",
    "MOST_RETRIES",
    "Schema",
    "flag",
    "merge_properties",
    "object_schema",
]

Schema = dict[str, Any]

# The most a spec may set: beyond these a value is a slip of the keyboard, not a setting.
LONGEST_TIMEOUT = 86_400
"""Seconds: a day."""
LONGEST_BACKOFF = 3_600
"""Seconds: an hour."""
MOST_RETRIES = 100
LARGEST_EVENT = 1 << 30
"""Characters: 1 GiB."""
LARGEST_RESPONSE = 1 << 40
"""Bytes: 1 TiB."""

JSONPATH: Schema = {"type": "string", "pattern": "^\\$", "description": "A JSONPath (RFC 9535)."}


def object_schema(properties: Schema, required: list[str], description: str) -> Schema:
    """A mapping with exactly these keys (any other is an error), ``required`` among them."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def flag(description: str) -> Schema:
    """A boolean."""
    return {"type": "boolean", "description": description}


def merge_properties(*groups: Schema) -> Schema:
    """The properties of every group; a key two groups define as objects gets both's keys."""
    merged: Schema = {}
    for group in groups:
        for key, schema in group.items():
            known = merged.get(key)
            if known is not None and known.get("type") == schema.get("type") == "object":
                properties = {**known["properties"], **schema["properties"]}
                merged[key] = {**known, "properties": properties}
            else:
                merged.setdefault(key, schema)
    return merged
