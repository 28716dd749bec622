"""Framings: how a response body becomes text deltas, one module per framing.

Each framing is a class implementing :class:`Framing` (the media types it accepts; bytes in,
deltas out). The generator has the other half of each framing: a spec-side class that reads its
keys from a spec and emits the constructor call of the class here.
"""

from .base import MISSING, Framing, Origin, Reader
from .json_array import JSONArrayFraming
from .json_rules import (
    UNSET,
    DocumentRules,
    DocumentWalk,
    NodeSelector,
    Shape,
    ShapeWalk,
    UnsetType,
    json_equals,
    json_text,
    member,
)
from .ndjson import NDJSONFraming
from .sse import SSEFraming
from .text import TextFraming

__all__ = [
    "MISSING",
    "UNSET",
    "DocumentRules",
    "DocumentWalk",
    "Framing",
    "JSONArrayFraming",
    "NDJSONFraming",
    "NodeSelector",
    "Origin",
    "Reader",
    "SSEFraming",
    "Shape",
    "ShapeWalk",
    "TextFraming",
    "UnsetType",
    "json_equals",
    "json_text",
    "member",
]
