"""Framings: how a response body becomes text deltas, one module per framing.

Each framing is a class implementing :class:`Framing` (the media types it accepts; bytes in,
deltas out). The generator has the other half of each framing: a spec-side class that reads its
keys from a spec and emits the constructor call of the class here.
"""

from .base import MISSING, Framing, Origin, Reader
from .cumulative import Cumulative
from .json_array import JSONArrayFraming
from .json_document import JSONFraming
from .json_rules import (
    UNSET,
    DocumentRules,
    DocumentWalk,
    NodeSelector,
    Shape,
    ShapeWalk,
    UnsetType,
    json_equals,
    json_one_of,
    json_text,
    member,
)
from .markers import TextMarkers
from .ndjson import NDJSONFraming
from .sse import SSEFraming
from .text import TextFraming
from .websocket import WebSocketFraming

__all__ = [
    "MISSING",
    "UNSET",
    "Cumulative",
    "DocumentRules",
    "DocumentWalk",
    "Framing",
    "JSONArrayFraming",
    "JSONFraming",
    "NDJSONFraming",
    "NodeSelector",
    "Origin",
    "Reader",
    "SSEFraming",
    "Shape",
    "ShapeWalk",
    "TextFraming",
    "TextMarkers",
    "UnsetType",
    "WebSocketFraming",
    "json_equals",
    "json_one_of",
    "json_text",
    "member",
]
