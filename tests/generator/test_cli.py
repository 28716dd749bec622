"""The generator's command line: build, check, validate, schema, new; atomic and quiet on errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import SPEC_SCHEMA, main

from ..conftest import ROOT

SPEC = ROOT / "specs" / "codelink_ava.yaml"
HEADER = (
    "# Generated from specs/codelink_ava.yaml by `python -m generator build`: "
    "do not edit by hand.\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project with the CodeLinkAva spec, as the working directory."""
    (tmp_path / "specs").mkdir()
    shutil.copy(SPEC, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory``, by its path inside it."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_build_writes_the_module_with_its_header(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    source = (project / "generated" / "codelink_ava.py").read_text(encoding="utf-8")
    assert source.startswith(HEADER)
    out = capsys.readouterr().out.splitlines()
    written = len(snapshot(project / "generated"))
    assert "wrote generated/codelink_ava.py" in out
    assert out[-1] == f"built generated: {written} written"
    assert main(["build"]) == 0
    assert capsys.readouterr().out == f"built generated: 0 written, {written} unchanged\n"


def test_build_is_deterministic_and_matches_the_committed_module(project: Path) -> None:
    assert main(["build"]) == 0
    first = (project / "generated" / "codelink_ava.py").read_bytes()
    assert main(["build"]) == 0
    assert (project / "generated" / "codelink_ava.py").read_bytes() == first
    assert first == (ROOT / "generated" / "codelink_ava.py").read_bytes()


def test_check_passes_when_in_sync(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["build"])
    assert main(["check"]) == 0
    assert "in sync" in capsys.readouterr().out


def test_check_names_stale_missing_and_orphaned_modules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["build"])
    module = project / "generated" / "codelink_ava.py"
    module.write_text(module.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (project / "generated" / "stray.py").write_text("x = 1\n", encoding="utf-8")
    (project / "generated" / "old.py").write_text("# Generated from specs/old.yaml by ...\n")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "generated/codelink_ava.py: stale, differs from its source (run build)",
        "generated/old.py: orphaned, no spec generates it (build removes it)",
        "generated/stray.py: not written by build: the package folder holds only what build writes",
    ]
    module.unlink()
    assert main(["check"]) == 1
    assert "generated/codelink_ava.py: missing" in capsys.readouterr().err


def test_build_removes_modules_whose_spec_was_deleted(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(project / "specs" / "codelink_ava.yaml", project / "specs" / "second.yaml")
    second = project / "specs" / "second.yaml"
    text = second.read_text(encoding="utf-8").replace("CodeLinkAva", "Second")
    second.write_text(text.replace("module: codelink_ava", "module: second"), encoding="utf-8")
    assert main(["build"]) == 0
    second.unlink()
    hand_written = project / "generated" / "notes.py"
    hand_written.write_text("# mine\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build"]) == 0
    assert "removed generated/second.py (its spec is gone)" in capsys.readouterr().out
    assert not (project / "generated" / "second.py").exists()
    assert hand_written.exists(), "a file the generator did not write is never deleted"


def test_a_failing_build_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["build"])
    module = project / "generated" / "codelink_ava.py"
    module.write_text("# Generated from an older spec\n", encoding="utf-8")
    before = snapshot(project / "generated")
    (project / "specs" / "broken.yaml").write_text("version: 1\nprovider: {}\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert snapshot(project / "generated") == before
    err = capsys.readouterr().err
    assert "specs/broken.yaml:2:1: provider: missing required key 'class'" in err
    assert not list((project / "generated").glob(".*.tmp"))


def test_clashing_module_names_across_specs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(project / "specs" / "codelink_ava.yaml", project / "specs" / "copy.yaml")
    clashes = [
        "specs/copy.yaml:9:10: provider.class: class name 'CodeLinkAva' is already used by "
        "specs/codelink_ava.yaml",
        "specs/copy.yaml:10:11: provider.module: module name 'codelink_ava' is already used by "
        "specs/codelink_ava.yaml",
    ]
    assert main(["validate"]) == 1
    assert capsys.readouterr().err.splitlines() == clashes
    # Checking one file compares it with the rest of the folder, and blames that file.
    assert main(["validate", "specs/copy.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == clashes
    assert main(["validate", "specs/codelink_ava.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        line.replace("copy.yaml", "codelink_ava.yaml", 1).replace(
            "by specs/codelink_ava.yaml", "by specs/copy.yaml"
        )
        for line in clashes
    ]


def test_build_never_overwrites_a_file_it_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "generated").mkdir()
    (project / "generated" / "codelink_ava.py").write_text("# mine\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert "generated/codelink_ava.py exists and was not generated" in capsys.readouterr().err
    assert (project / "generated" / "codelink_ava.py").read_text(encoding="utf-8") == "# mine\n"


def test_validate_named_specs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "specs/codelink_ava.yaml", "./specs/codelink_ava.yaml"]) == 0
    assert capsys.readouterr().out == "ok specs/codelink_ava.yaml\n"
    assert not (project / "generated").exists()


def test_new_scaffolds_a_spec_that_builds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "my_api"]) == 0
    assert capsys.readouterr().out == "wrote specs/my_api.yaml\n"
    assert main(["build", "specs/my_api.yaml"]) == 0
    source = (project / "generated" / "my_api.py").read_text(encoding="utf-8")
    assert "class MyApi(AsyncGeneratorProvider):" in source
    assert main(["new", "my_api"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "My-Api"]) == 1
    assert "is not a module name" in capsys.readouterr().err


def test_new_points_editors_at_the_schema_where_there_is_one(project: Path) -> None:
    assert main(["new", "without"]) == 0
    text = (project / "specs" / "without.yaml").read_text(encoding="utf-8")
    assert text.startswith("# For completion and checks as you type, write the schema")
    assert "#   python -m generator schema -o specs/spec.schema.json\n" in text
    (project / "docs").mkdir()
    assert main(["schema", "-o", "docs/spec.schema.json"]) == 0
    assert main(["new", "with_schema"]) == 0
    text = (project / "specs" / "with_schema.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/spec.schema.json\n")
    assert main(["schema", "-o", "specs/spec.schema.json"]) == 0
    assert main(["new", "beside"]) == 0
    text = (project / "specs" / "beside.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=spec.schema.json\n")


def test_schema_command_matches_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == SPEC_SCHEMA
    assert (ROOT / "docs" / "spec.schema.json").read_text(encoding="utf-8") == printed


def test_every_committed_spec_points_editors_at_the_schema() -> None:
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        first_line = spec.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == "# yaml-language-server: $schema=../docs/spec.schema.json", spec


def test_a_bad_spec_gives_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 4\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad.as_posix()}:1:10: version: 4 is not one of: 1, 2, 3" in result.stderr


def test_build_names_providers_that_fall_back_to_jsonpath_ng(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(
        ROOT / "tests" / "generator" / "golden" / "specs" / "kitchen_sink.yaml", project / "specs"
    )
    assert main(["build"]) == 0
    assert (
        "note: KitchenSink: JSONPath '$.choices[*].text' does not compile to lookups; "
        "jsonpath-ng evaluates it at run time"
    ) in capsys.readouterr().out.splitlines()
