"""``python -m generator new NAME``: a commented spec to start from."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

from ._render import template

__all__ = ["ScaffoldError", "class_name_for", "write_new_spec"]

_MODULE_NAME = re.compile(r"[a-z][a-z0-9_]*")


class ScaffoldError(ValueError):
    """The new spec cannot be written: a bad name, or the file exists."""


def class_name_for(module: str) -> str:
    """``my_provider`` -> ``MyProvider``."""
    return "".join(part.capitalize() for part in module.split("_"))


def write_new_spec(name: str, specs_dir: Path) -> Path:
    """Write ``specs_dir/NAME.yaml`` from the scaffold template; never overwrite a file."""
    if not _MODULE_NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} is not a module name: use lower case letters, digits and _, "
            "starting with a letter"
        )
    path = specs_dir / f"{name}.yaml"
    text = template("new_spec.yaml.jinja").render(module=name, class_name=class_name_for(name))
    specs_dir.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists") from None
    return path
