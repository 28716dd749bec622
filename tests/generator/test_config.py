"""Where the generator reads specs and writes the package: [tool.streamgen], flags, defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import ConfigError, find_config, main

from ..conftest import ROOT

TABLE = '[project]\nname = "acme"\n\n[tool.streamgen]\nspecs = "api"\noutput = "src/acme_llm"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose pyproject.toml puts specs in api/ and the package in src/acme_llm/."""
    (tmp_path / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    (tmp_path / "api").mkdir()
    shutil.copy(ROOT / "specs" / "codelink_ava.yaml", tmp_path / "api")
    (tmp_path / "src" / "deep").mkdir(parents=True)
    return tmp_path


def test_without_a_table_the_folders_are_beside_the_working_directory(tmp_path: Path) -> None:
    config = find_config(tmp_path)
    assert (config.root, config.specs, config.output) == (
        tmp_path,
        tmp_path / "specs",
        tmp_path / "generated",
    )
    assert config.pyproject is None


def test_the_table_is_found_upward_and_its_paths_are_relative_to_it(project: Path) -> None:
    config = find_config(project / "src" / "deep")
    assert config.root == project
    assert config.specs == project / "api"
    assert config.output == project / "src" / "acme_llm"
    assert config.pyproject == project / "pyproject.toml"


def test_a_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    (project / "src" / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    assert find_config(project / "src" / "deep").root == project


def test_missing_keys_take_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.streamgen]\n", encoding="utf-8")
    config = find_config(tmp_path)
    assert (config.specs, config.output) == (tmp_path / "specs", tmp_path / "generated")


@pytest.mark.parametrize(
    "table, message",
    [
        ('spec = "api"', "[tool.streamgen] unknown key 'spec'; did you mean 'specs'?"),
        ("output = 3", "[tool.streamgen] output must be a path (the folder of the generated"),
        ('specs = ""', "[tool.streamgen] specs must be a path"),
        ("specs = [", "cannot read it: "),
    ],
)
def test_a_table_that_cannot_be_used_is_an_error_naming_the_file(
    tmp_path: Path, table: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.streamgen]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        find_config(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'pyproject.toml'}: ")
    assert message in str(caught.value)


def test_build_and_check_from_a_subfolder_use_the_table(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project / "src" / "deep")
    assert main(["build"]) == 0
    module = project / "src" / "acme_llm" / "codelink_ava.py"
    # Headers name files relative to the project's root, wherever the build ran from.
    assert module.read_text(encoding="utf-8").startswith("# Generated from api/codelink_ava.yaml ")
    assert "wrote src/acme_llm/codelink_ava.py" in capsys.readouterr().out
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "src/acme_llm is in sync with api\n"


def test_flags_override_the_table(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "src")
    assert main(["build", "--output", "other_pkg"]) == 0
    assert (project / "src" / "other_pkg" / "codelink_ava.py").is_file()
    assert not (project / "src" / "acme_llm").exists()


def test_a_specs_folder_that_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    assert capsys.readouterr().err == "error: the specs folder specs does not exist\n"


def test_an_output_folder_whose_name_is_no_package_name_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    assert main(["build", "--output", "acme-llm"]) == 1
    err = capsys.readouterr().err
    assert "error: the output folder acme-llm cannot be a Python package" in err
    assert "'acme-llm' is not an identifier" in err
    assert not (project / "acme-llm").exists()


def test_a_pyproject_whose_tool_is_no_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    assert find_config(tmp_path).pyproject is None


def test_a_keyword_is_no_package_name(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    assert main(["build", "--output", "class"]) == 1
    assert capsys.readouterr().err == (
        "error: the output folder class cannot be a Python package: 'class' is a Python keyword\n"
    )
