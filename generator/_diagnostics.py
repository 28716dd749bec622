"""Errors found in specs, as values that say where and what."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Diagnostic", "KeyPath", "SpecError", "format_key_path"]

KeyPath = tuple[str | int, ...]


def format_key_path(path: KeyPath) -> str:
    """``("request", "headers", "Accept")`` -> ``request.headers.Accept``; indices as ``[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a spec, at a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    key_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.key_path}: {self.message}"
            if self.key_path
            else f"{where}: {self.message}"
        )


class SpecError(Exception):
    """A spec (or several) failed validation; ``diagnostics`` holds every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics
