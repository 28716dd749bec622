"""``framing: ndjson``: one JSON document per line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .json_rules import JSONDocumentsSpec

__all__ = ["NDJSONSpec"]


@dataclass(frozen=True)
class NDJSONSpec(JSONDocumentsSpec):
    """Each non-blank line is a JSON document; the answer stops at a JSONPath condition."""

    name: ClassVar[str] = "ndjson"
    description: ClassVar[str] = "a JSON document a line"
    runtime_class: ClassVar[str] = "NDJSONFraming"
    default_content_types: ClassVar[tuple[str, ...]] = ("application/x-ndjson",)
