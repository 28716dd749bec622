"""docs/gpt4free-coverage.md says what is true: the 45 providers of gpt4free's October 2023
snapshot, each with a spec that exists, builds into the package and has a recording, or with a
reason there is none; and today's providers likewise."""

from __future__ import annotations

import re

import generated

from ..conftest import RECORDINGS, ROOT

COVERAGE = (ROOT / "docs" / "gpt4free-coverage.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| (\w+) \| (.*)$", re.MULTILINE)
SPEC = re.compile(r"\[`(\w+)`\]\(\.\./specs/\1\.yaml\)")


def section(title: str) -> str:
    return COVERAGE.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def table(title: str) -> list[tuple[str, str]]:
    """The rows of a section's first table, its header left out: a provider, and the rest."""
    [first] = [block for block in section(title).split("\n\n") if block.startswith("| ")][:1]
    return [(name, rest) for name, rest in ROW.findall(first) if name != "provider"]


def rows(title: str) -> dict[str, str | None]:
    """Each provider of a section's first table, with its spec's module or None."""
    found: dict[str, str | None] = {}
    for name, rest in table(title):
        spec = SPEC.search(rest)
        found[name] = spec.group(1) if spec else None
    return found


def test_the_2023_snapshot_is_listed_whole_and_38_or_more_have_a_spec() -> None:
    listed = rows("October 2023")
    assert len(listed) == 45
    with_spec = [module for module in listed.values() if module is not None]
    assert len(with_spec) >= 38
    assert f"October 2023: {len(with_spec)} of 45" in COVERAGE


def test_every_listed_spec_is_built_and_recorded() -> None:
    for module in [*rows("October 2023").values(), *rows("Today's web providers").values()]:
        if module is None:
            continue
        assert (ROOT / "specs" / f"{module}.yaml").is_file(), module
        assert list((RECORDINGS / module).glob("*.json")), module
        assert any(info.module == module for info in generated.provider_infos()), module


def test_the_recordings_listed_are_those_there_are() -> None:
    for title in ("October 2023", "Today's web providers"):
        for name, rest in table(title):
            spec = SPEC.search(rest)
            if spec is None:
                continue
            cells = [cell.strip() for cell in rest.split("|")]
            listed = cells[cells.index(spec.group(0)) + 1]
            there = sorted(path.stem for path in (RECORDINGS / spec.group(1)).glob("*.json"))
            assert listed == ", ".join(there), name


def test_ten_or_more_of_todays_providers_have_a_spec() -> None:
    assert len([m for m in rows("Today's web providers").values() if m is not None]) >= 10


def test_a_provider_without_a_spec_says_why() -> None:
    for name, rest in table("October 2023"):
        if not SPEC.search(rest):
            reason = rest.split("|")[-2].strip()
            assert len(reason) > 40, name
