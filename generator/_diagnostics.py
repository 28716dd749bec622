"""Errors found in specs, as values that say where and what."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Diagnostic", "KeyPath", "Positions", "SpecError", "format_key_path"]

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


@dataclass
class Positions:
    """Where each key path was written: the value's position, and for mapping keys the key's."""

    file: str
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: KeyPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest written ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key that ends ``path``, falling back to its value."""
        return self.keys.get(path) or self.of_value(path)

    def diagnostic(self, path: KeyPath, message: str, *, at_key: bool = False) -> Diagnostic:
        line, column = self.of_key(path) if at_key else self.of_value(path)
        return Diagnostic(self.file, line, column, format_key_path(path), message)
