"""``python -m generator new NAME``: a commented spec to start from, or one made from what a
browser captured (``--from-curl``, ``--from-har``), with its recording."""

from __future__ import annotations

import json
import keyword
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ._build import file_mode, write_atomically
from ._capture import (
    CaptureError,
    Draft,
    draft_from_curl,
    draft_from_har,
    parse_curl,
    recording_of,
    spec_text,
)
from ._render import template
from ._spec import load_spec
from ._spec._formats import LATEST

__all__ = ["Capture", "ScaffoldError", "class_name_for", "write_captured_spec", "write_new_spec"]

_RECORDING_MODE = 0o600
"""A recording is its owner's to review before sharing, as the recorder writes it."""

_MODULE_NAME = re.compile(r"[a-z][a-z0-9_]*")


class ScaffoldError(ValueError):
    """The new spec cannot be written: a bad name, or the file exists."""


def class_name_for(module: str) -> str:
    """``my_provider`` -> ``MyProvider``."""
    return "".join(part.capitalize() for part in module.split("_"))


def write_new_spec(name: str, specs_dir: Path, folder: str, schema: Path | None = None) -> Path:
    """Write ``specs_dir/NAME.yaml`` from the scaffold template; never overwrite a file.

    ``folder`` is ``specs_dir`` as the spec's comments show it. With ``schema``, a JSON Schema
    file of the spec format, the spec points editors at it.
    """
    _check_name(name)
    path = specs_dir / f"{name}.yaml"
    relative = None if schema is None else Path(os.path.relpath(schema, specs_dir)).as_posix()
    text = template("new_spec.yaml.jinja").render(
        module=name,
        class_name=class_name_for(name),
        folder=folder,
        schema=relative,
        version=LATEST,
    )
    specs_dir.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists") from None
    return path


def _check_name(name: str) -> None:
    if not _MODULE_NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} is not a module name: use lower case letters, digits and _, "
            "starting with a letter"
        )


@dataclass(frozen=True)
class Capture:
    """What a capture became: the spec and recording written, and the draft they came from."""

    spec: Path
    recording: Path | None
    draft: Draft


def write_captured_spec(
    name: str,
    specs_dir: Path,
    recordings_dir: Path,
    *,
    text: str,
    source: str,
    har: bool,
    entry: int | None = None,
) -> Capture:
    """Write ``specs_dir/NAME.yaml`` from the capture ``text`` ("Copy as cURL", or a HAR file
    with ``har``), and for a HAR file ``recordings_dir/NAME/captured.json``; never overwrite a
    file, and write neither unless both can be (the spec is read back first, as ``validate``
    reads it). Raises ``CaptureError`` for a capture that cannot be read."""
    _check_name(name)
    class_name = class_name_for(name)
    if har:
        draft = draft_from_har(text, name, class_name, entry)
    else:
        draft = draft_from_curl(parse_curl(text), name, class_name)
    spec = specs_dir / f"{name}.yaml"
    recording = recordings_dir / name / "captured.json" if har else None
    for path in (spec, recording):
        if path is not None and path.exists():
            raise ScaffoldError(f"{path} already exists")
    written = _encodable(spec_text(draft, source))
    data = None
    if recording is not None:
        data = _encodable(json.dumps(recording_of(draft, source), indent=2, ensure_ascii=False))
    write_atomically(
        spec, written, file_mode(), check=lambda temporary: load_spec(temporary, str(spec))
    )
    if recording is not None and data is not None:
        try:
            write_atomically(recording, data + "\n", _RECORDING_MODE)
        except BaseException:
            spec.unlink()
            raise
    return Capture(spec, recording, draft)


def _encodable(text: str) -> str:
    """``text``, which a UTF-8 file can hold: a lone surrogate (half a UTF-16 character, from
    a JSON escape) cannot be written, and is refused before anything is."""
    try:
        text.encode()
    except UnicodeEncodeError:
        raise CaptureError(
            "the capture holds half a UTF-16 character (a lone surrogate), which no file holds"
        ) from None
    return text
