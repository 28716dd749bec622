"""The Markdown table of the providers: written by build from the specs, compared by check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import find_config, load_specs, main
from generator._package import emit_package, table_file

from ..conftest import ROOT

SPECS = sorted((ROOT / "specs").glob("*.yaml"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project whose pyproject.toml asks for the table in docs/providers.md."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.streamgen]\nspecs = "specs"\noutput = "llm"\ntable = "docs/providers.md"\n',
        encoding="utf-8",
    )
    (tmp_path / "specs").mkdir()
    for name in ("codelink_ava", "openai_chat", "ollama_chat"):
        shutil.copy(ROOT / "specs" / f"{name}.yaml", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rows(table: str) -> list[list[str]]:
    """The cells of each row below the table's heading line."""
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


def test_build_writes_a_row_per_provider_from_its_spec(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    assert "wrote docs/providers.md" in capsys.readouterr().out
    table = (project / "docs" / "providers.md").read_text(encoding="utf-8")
    assert table.startswith("<!-- Generated from specs/ by `python -m generator build`")
    assert "`python -m PACKAGE --list`" in table
    assert rows(table) == [
        [
            "`CodeLinkAva` (`codelink_ava`)",
            "https://ava-ai-ef611.web.app",
            "`POST https://ava-alpha-api.codelink.io/api/chat`",
            "`gpt-3.5-turbo`",
            "sse",
            "none",
            "no",
        ],
        [
            "`OllamaChat` (`ollama_chat`)",
            "https://ollama.com",
            "`POST http://127.0.0.1:11434/api/chat`",
            "`llama3.2`, `qwen2.5`, `mistral`",
            "ndjson",
            "none",
            "yes",
        ],
        [
            "`OpenaiChat` (`openai_chat`)",
            "https://platform.openai.com",
            "`POST https://api.openai.com/v1/chat/completions`",
            "`gpt-4o-mini`, `gpt-4o`, `gpt-4-turbo`, `gpt-3.5-turbo`",
            "sse",
            "`OPENAI_API_KEY`",
            "yes",
        ],
    ]


def test_check_names_a_stale_or_missing_table(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    table = project / "docs" / "providers.md"
    table.write_text(table.read_text(encoding="utf-8").replace("| yes |", "| no |"), "utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "docs/providers.md: stale, differs from its source (run build)\n"
    )
    table.unlink()
    assert main(["check"]) == 1
    assert "docs/providers.md: missing" in capsys.readouterr().err
    assert main(["build"]) == 0
    assert main(["check"]) == 0


def test_a_spec_change_changes_the_table(project: Path) -> None:
    assert main(["build"]) == 0
    spec = project / "specs" / "ollama_chat.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("working: true", "working: false"))
    assert main(["build"]) == 0
    table = (project / "docs" / "providers.md").read_text(encoding="utf-8")
    assert rows(table)[1][-1] == "no"


def test_a_hand_written_file_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "providers.md").write_text("# Our providers, by hand\n", "utf-8")
    assert main(["build"]) == 1
    assert capsys.readouterr().err == (
        "error: docs/providers.md exists and was not generated; not overwriting it\n"
    )
    assert not (project / "llm").exists()  # nothing written at all


def test_the_table_cannot_live_in_the_package_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--table", "llm/providers.md"]) == 1
    assert "the table llm/providers.md is in the package folder" in capsys.readouterr().err


def test_without_a_table_setting_none_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "codelink_ava.yaml", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    assert find_config(tmp_path).table is None
    assert main(["build"]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["generated", "specs"]


def test_cells_hold_spec_text_safely() -> None:
    [spec] = load_specs([ROOT / "specs" / "codelink_ava.yaml"], ROOT)
    odd = spec.__class__(**{**vars(spec), "url": "https://a.example/x|y <b>\nz"})
    [row] = rows(table_file([odd], "specs/", emit_package([odd])))
    assert row[1] == "https://a.example/x\\|y &lt;b> z"


def test_the_projects_table_lists_every_spec() -> None:
    table = (ROOT / "docs" / "providers.md").read_text(encoding="utf-8")
    specs = load_specs(SPECS, ROOT)
    assert table == table_file(specs, "specs/", emit_package(specs))
    assert len(rows(table)) == len(SPECS)


def test_a_build_into_other_folders_leaves_the_configured_table_alone(project: Path) -> None:
    assert main(["build"]) == 0
    table = (project / "docs" / "providers.md").read_bytes()
    (project / "sub").mkdir()
    shutil.copy(ROOT / "specs" / "gemini.yaml", project / "sub")
    assert main(["build", "--specs", "sub", "--output", "elsewhere/llm2"]) == 0
    assert main(["build", "--output", "elsewhere/llm3"]) == 0
    assert (project / "docs" / "providers.md").read_bytes() == table
    assert main(["check"]) == 0
    assert main(["build", "--specs", "sub", "--output", "llm4", "--table", "llm4.md"]) == 0
    assert "`Gemini` (`gemini`)" in (project / "llm4.md").read_text(encoding="utf-8")


def test_a_default_model_missing_from_the_list_is_listed_first() -> None:
    [spec] = load_specs([ROOT / "specs" / "codelink_ava.yaml"], ROOT)
    odd = spec.__class__(**{**vars(spec), "default_model": "gpt-4o"})
    [row] = rows(table_file([odd], "specs/", emit_package([odd])))
    assert row[3] == "`gpt-4o`, `gpt-3.5-turbo`"
