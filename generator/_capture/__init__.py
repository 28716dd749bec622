"""``python -m generator new NAME --from-curl FILE | --from-har FILE``: a spec, and a recording,
from what a browser's developer tools copy or save.

Layers as the build's: the capture is read (``_curl``, ``_har``) into exchanges
(``_captured``), inferred into a draft of the spec (``_requests``, ``_answers``, ``_flows``:
``_draft``), and written (``_writer``, ``_recording``).
"""

from __future__ import annotations

from ._captured import CaptureError, capture_text
from ._curl import parse_curl
from ._draft import Draft
from ._flows import draft_from_curl, draft_from_har
from ._recording import recording_of
from ._writer import spec_text

__all__ = [
    "CaptureError",
    "Draft",
    "capture_text",
    "draft_from_curl",
    "draft_from_har",
    "parse_curl",
    "recording_of",
    "spec_text",
]
