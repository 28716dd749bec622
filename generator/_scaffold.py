"""``python -m generator new NAME``: a commented spec to start from."""

from __future__ import annotations

import keyword
import os
import re
from pathlib import Path

from ._render import template
from ._spec._formats import LATEST

__all__ = ["ScaffoldError", "class_name_for", "write_new_spec"]

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
    if not _MODULE_NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} is not a module name: use lower case letters, digits and _, "
            "starting with a letter"
        )
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
