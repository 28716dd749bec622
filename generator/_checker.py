"""Collects the problems of one spec while its parts are converted, each at its line and column."""

from __future__ import annotations

from urllib.parse import urlsplit

from ._diagnostics import Diagnostic, KeyPath
from ._jsonpath import CompiledPath, JSONPathError, compile_path
from ._placeholders import PlaceholderError, TemplateString, parse_template
from ._yaml import Positions

__all__ = ["Checker"]


class Checker:
    """Turns spec values into model values; a value that cannot be used becomes a diagnostic."""

    def __init__(self, positions: Positions, version: int = 1) -> None:
        self.positions = positions
        self.version = version
        """The spec's format version: some keys and forms need version 2."""
        self.problems: list[Diagnostic] = []

    def error(self, path: KeyPath, message: str, *, at_key: bool = False) -> None:
        """Report ``message`` at the value of ``path`` (or at its key)."""
        self.problems.append(self.positions.diagnostic(path, message, at_key=at_key))

    def template(self, path: KeyPath, text: str, known: frozenset[str]) -> TemplateString:
        """``text`` split into literal text and placeholders (as it is, when it cannot be).

        ``known`` holds the placeholder names usable here, ``env.*`` aside.
        """
        try:
            return tuple(parse_template(text, known))
        except PlaceholderError as error:
            self.error(path, str(error))
            return (text,)

    def jsonpath(self, path: KeyPath, text: str | None) -> CompiledPath | None:
        """``text`` compiled, or None when it is absent or invalid (then reported)."""
        if text is None:
            return None
        try:
            # Version 2 compiles wildcards into loops; version 1 left them to jsonpath-ng.
            return compile_path(text, loops=self.version >= 2)
        except JSONPathError as error:
            self.error(
                path,
                f"invalid JSONPath {text!r} at character {error.position + 1}: {error.message}",
            )
            return None

    def needs_version_2(self, path: KeyPath, what: str) -> bool:
        """Report ``what`` at ``path`` unless the spec is version 2; whether it is."""
        if self.version < 2:
            self.error(path, f"{what} needs version: 2", at_key=True)
        return self.version >= 2

    def url(self, path: KeyPath, url: str, *, shown: str | None = None) -> None:
        """Report ``url`` unless it is an http(s) URL with a host and no fragment.

        ``shown`` is the URL as the spec writes it, when ``url`` stands in for it.
        """
        try:
            parts = urlsplit(url)
            valid = bool(parts.hostname) and parts.port != 0 and not parts.fragment
        except ValueError:  # a malformed IPv6 host or port
            valid = False
        if not valid or any(c.isspace() for c in url):
            message = "is not a valid http(s) URL with a host and no fragment"
            self.error(path, f"{shown or url!r} {message}")
