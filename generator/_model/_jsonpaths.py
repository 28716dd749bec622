"""JSONPath queries as the generator keeps them: checked, and compiled to steps where they can be.

A query made of name and index selectors (and, where the spec's format compiles them, wildcards)
becomes a tuple of steps, which the emitter turns into lookups and loops; any other query keeps
only its text, for jsonpath-ng to evaluate at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CompiledPath", "Index", "Name", "Step", "Wildcard"]


@dataclass(frozen=True)
class Name:
    """A name selector: the member of an object with this name."""

    value: str


@dataclass(frozen=True)
class Index:
    """An index selector: the element of an array at this index (negative counts from the end)."""

    value: int


@dataclass(frozen=True)
class Wildcard:
    """A wildcard selector: every element of an array, every member value of an object."""


Step = Name | Index | Wildcard


@dataclass(frozen=True)
class CompiledPath:
    """A checked JSONPath: its steps if it compiles, else ``steps`` is None (jsonpath-ng)."""

    text: str
    steps: tuple[Step, ...] | None
    first_match_only: bool = False
    """Whether only the first of the query's matches counts (the first spec format's meaning
    of a query left to jsonpath-ng); otherwise every match does, in document order."""

    @property
    def singular(self) -> bool:
        """Whether the path compiles to direct lookups alone: it selects one value at most."""
        return self.steps is not None and not any(isinstance(s, Wildcard) for s in self.steps)
