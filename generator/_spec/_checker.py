"""Collects the problems of one spec while its parts are converted, each at its line and column."""

from __future__ import annotations

from urllib.parse import urlsplit

from .._diagnostics import Diagnostic, KeyPath, Positions
from .._model import CompiledPath, TemplateString
from ._formats import Format
from ._jsonpath_parser import JSONPathError, compile_path
from ._placeholders import PlaceholderError, parse_template

__all__ = ["Checker"]


class Checker:
    """Turns spec values into model values; a value that cannot be used becomes a diagnostic."""

    def __init__(self, positions: Positions, spec_format: Format) -> None:
        self.positions = positions
        self.format = spec_format
        """The spec's format: what it allows, and what its forms mean."""
        self.problems: list[Diagnostic] = []

    def error(self, path: KeyPath, message: str, *, at_key: bool = False) -> None:
        """Report ``message`` at the value of ``path`` (or at its key)."""
        self.problems.append(self.positions.diagnostic(path, message, at_key=at_key))

    def allows(self, path: KeyPath, feature: str) -> bool:
        """Whether the spec's format allows ``feature``; if not, say so at the key of ``path``."""
        if self.format.allows(feature):
            return True
        self.error(path, self.format.needs(feature), at_key=True)
        return False

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
            return compile_path(
                text, loops=self.format.every_match, every_match=self.format.every_match
            )
        except JSONPathError as error:
            self.error(
                path,
                f"invalid JSONPath {text!r} at character {error.position + 1}: {error.message}",
            )
            return None

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
