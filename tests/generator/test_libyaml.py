"""libyaml reads a spec as the pure-Python loader does, or leaves it to that loader.

The generator reads specs with libyaml, which is many times faster, and with the pure-Python
loader whenever libyaml finds a problem or meets what the two are known to read differently
(``generator._spec._yaml``). Diagnostics are written for the pure-Python loader, so libyaml must give
the same data, of the same types, at the same positions, or nothing.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from generator import discover_specs
from generator._spec import _yaml

from ..conftest import ROOT

pytestmark = pytest.mark.skipif(_yaml._FAST_LOADER is None, reason="PyYAML built without libyaml")

SPECS = [*discover_specs(ROOT / "specs"), *discover_specs(ROOT / "tests/generator/golden/specs")]


def _typed(value: Any) -> Any:
    """``value`` with the type of every part: 1, 1.0 and True are equal, and must not be."""
    if isinstance(value, dict):
        return ("dict", [(_typed(key), _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    return (type(value).__name__, repr(value))


def _fast(text: str) -> tuple[Any, _yaml.Positions] | None:
    assert _yaml._FAST_LOADER is not None
    return _yaml._load_fast(text, "spec.yaml", _yaml._FAST_LOADER)


def _assert_read_alike(text: str, fast: tuple[Any, _yaml.Positions]) -> None:
    data, positions = _yaml._load(text, "spec.yaml")  # raises if only libyaml accepts the text
    assert _typed(fast[0]) == _typed(data)
    assert fast[1].values == positions.values
    assert fast[1].keys == positions.keys


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.stem)
def test_every_spec_is_read_by_libyaml_as_by_pure_python(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = _fast(text)
    assert fast is not None, "libyaml left a spec of the project to the slow loader"
    _assert_read_alike(text, fast)


# What the alterations put in: YAML's indicators, line breaks of every kind, tags, anchors,
# block scalars, numbers in all spellings.
_INSERTS = [
    *":-[]{},#&*!|>'\"?%@` \n\r",
    *("\t", "\ufeff", "\r\n", "\x85", "\u2028", "\u2029", "é", "😀", "- ", ": ", "? ", "\n  "),
    *("---\n", "...\n"),
    *("&a ", "*a", "<<: *a\n", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!map "),
    *("|-\n  ", ">+\n ", "|+\n  a  \n\n", "~", "yes", "null", "0x1F", "0o17", "1_000", "1e400"),
    *(".inf", "-.5", "12:30", "2001-12-14", "\\"),
]


def _altered(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        choice = rng.random()
        if choice < 0.45:
            text = text[:at] + rng.choice(_INSERTS) + text[at:]
        elif choice < 0.8:
            text = text[:at] + text[at + rng.randint(1, 4) :]
        elif choice < 0.85:
            text = text.replace("\n", "\r\n")
        else:
            lines = text.split("\n")
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
            text = "\n".join(lines)
    return text


def test_altered_specs_are_read_alike_or_left_to_pure_python() -> None:
    # A fixed seed: the same alterations every run. Run with more to search further.
    rng = random.Random(20261125)
    texts = [path.read_text(encoding="utf-8") for path in SPECS]
    read_by_libyaml = 0
    for _ in range(300):
        text = _altered(rng.choice(texts), rng)
        fast = _fast(text)
        if fast is not None:
            read_by_libyaml += 1
            _assert_read_alike(text, fast)
    assert read_by_libyaml > 50  # the alterations left many specs readable


@pytest.mark.parametrize(
    "text",
    # Tabs, "?" in [] or {}: only libyaml accepts them in places. A byte order mark, an empty
    # value in {}: libyaml places what follows a column later. The rest are problems, worded
    # by the pure-Python loader.
    [
        pytest.param("a: 1\t\n", id="tab"),
        pytest.param("a: 1\n\ufeffb: 2\n", id="byte order mark"),
        pytest.param("a: {b?c: 1}\n", id="? in {}"),
        pytest.param("a: [b?, c]\n", id="? in []"),
        pytest.param("a: {b: , c: 1}\n", id="empty value in {}"),
        pytest.param("a: \x07\n", id="control character"),
        pytest.param("a: [1\n", id="syntax error"),
        pytest.param("a: 1\na: 2\n", id="duplicate key"),
    ],
)
def test_what_libyaml_may_read_otherwise_is_left_to_pure_python(text: str) -> None:
    assert _fast(text) is None
