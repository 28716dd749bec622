"""The package build writes: self-contained, every file with its header, nothing stray."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator import build, check, find_config, load_specs, main
from generator._package import HEADER_PREFIX, package_files
from generator._render import FormatError, format_sources
from generator._runtime_source import OPTIONAL_MODULES
from generator.runtime._parts import PARTS

from ..conftest import ROOT
from .conftest import GOLDEN

RUNTIME = ROOT / "generator" / "runtime"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project with the CodeLinkAva spec, built, as the working directory."""
    (tmp_path / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "codelink_ava.yaml", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    return tmp_path


def all_of(module: Path) -> list[str]:
    """The ``__all__`` of a module, read from its source."""
    for statement in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.Assign) and ast.unparse(statement.targets[0]) == "__all__":
            names: list[str] = ast.literal_eval(statement.value)
            return names
    raise AssertionError(f"{module} has no __all__")


def files_below(folder: Path) -> dict[str, Path]:
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_runtime_is_copied_file_by_file_below_a_header_naming_its_source(
    project: Path,
) -> None:
    built = files_below(project / "generated" / "_runtime")
    modules_by_use = {path.as_posix() for path in OPTIONAL_MODULES}
    optional = {*modules_by_use, *(file for part in PARTS.values() for file in part.files)}
    sources = {name: path for name, path in files_below(RUNTIME).items() if name not in optional}
    assert built.keys() == sources.keys()
    for name, path in sources.items():
        header, edit, rest = built[name].read_text(encoding="utf-8").split("\n", 2)
        assert header == (
            f"# Generated from generator/runtime/{name} by `python -m generator build`: "
            "do not edit by hand."
        )
        assert edit == "# A copy of the generator's runtime: edit its source, then regenerate."
        assert rest == path.read_text(encoding="utf-8")


def test_every_file_of_the_package_starts_with_the_header(project: Path) -> None:
    files = files_below(project / "generated")
    assert {"__init__.py", "py.typed", "codelink_ava.py", "_runtime/_endpoint.py"} <= set(files)
    for name, path in files.items():
        assert path.read_text(encoding="utf-8").startswith(HEADER_PREFIX), name


def test_the_jsonpath_ng_fallback_is_copied_only_where_a_spec_needs_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fallback = project / "generated" / "_runtime" / "_fallback.py"
    assert not fallback.exists()
    shutil.copy(GOLDEN / "specs" / "kitchen_sink.yaml", project / "specs")
    assert main(["build"]) == 0
    assert fallback.is_file()
    (project / "specs" / "kitchen_sink.yaml").unlink()
    capsys.readouterr()
    assert main(["build"]) == 0
    assert not fallback.exists()
    assert "removed generated/_runtime/_fallback.py" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("spec", "modules"),
    [
        ("signed_v3.yaml", {"_aws.py", "_eventstream.py"}),
        ("google_v3.yaml", {"_google.py"}),
    ],
)
def test_the_signers_and_the_event_stream_are_copied_only_where_a_spec_uses_them(
    project: Path, spec: str, modules: set[str]
) -> None:
    runtime = project / "generated" / "_runtime"
    optional = {"_aws.py", "_eventstream.py", "_google.py"}
    assert not {path.name for path in runtime.iterdir()} & optional
    shutil.copy(GOLDEN / "specs" / spec, project / "specs")
    assert main(["build"]) == 0
    assert {path.name for path in runtime.iterdir()} & optional == modules


def test_check_covers_the_runtime(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    endpoint = project / "generated" / "_runtime" / "_endpoint.py"
    endpoint.write_text(endpoint.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (project / "generated" / "_runtime" / "_framings" / "sse.py").unlink()
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "generated/_runtime/_endpoint.py: stale, differs from its source (run build)",
        "generated/_runtime/_framings/sse.py: missing (run python -m generator build)",
    ]


def test_generated_files_the_runtime_no_longer_has_are_removed_with_their_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = project / "generated" / "_runtime" / "_old" / "gone.py"
    old.parent.mkdir()
    old.write_text(f"{HEADER_PREFIX}generator/runtime/_old/gone.py by an older build\n")
    mine = project / "generated" / "_runtime" / "notes.txt"
    mine.write_text("kept: the build did not write it\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "generated/_runtime/_old/gone.py: orphaned, no longer part of the runtime (build "
        "removes it)",
        "generated/_runtime/notes.txt: not written by build: the package folder holds only what "
        "build writes",
    ]
    assert main(["build"]) == 0
    assert not old.parent.exists()
    assert mine.exists()


def test_a_spec_outside_the_specs_folder_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "elsewhere").mkdir()
    stray = shutil.copy(project / "specs" / "codelink_ava.yaml", project / "elsewhere" / "x.yaml")
    before = {name: path.read_bytes() for name, path in files_below(project / "generated").items()}
    capsys.readouterr()
    assert main(["build", str(stray)]) == 1
    assert capsys.readouterr().err == (
        "error: elsewhere/x.yaml is not in the specs folder specs: a package is built from one "
        "folder, and a module built from a spec elsewhere would be removed by the next full "
        "build. Move the spec there, or point --specs at its folder.\n"
    )
    after = {name: path.read_bytes() for name, path in files_below(project / "generated").items()}
    assert after == before


def test_naming_a_spec_rebuilds_its_module_and_removes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = project / "generated" / "codelink_ava.py"
    module.write_text(f"{HEADER_PREFIX}an older build\n", encoding="utf-8")
    stray = project / "generated" / "stray.py"
    stray.write_text(f"{HEADER_PREFIX}a spec since deleted\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "specs/codelink_ava.yaml"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "wrote generated/codelink_ava.py"
    assert stray.exists()
    assert main(["build"]) == 0
    assert not stray.exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_rebuilt_files_get_the_mode_open_would_give_them(project: Path) -> None:
    module = project / "generated" / "codelink_ava.py"
    module.write_text(f"{HEADER_PREFIX}an older build\n", encoding="utf-8")
    module.chmod(0o600)
    umask = os.umask(0o022)
    try:
        assert main(["build"]) == 0
    finally:
        os.umask(umask)
    assert module.stat().st_mode & 0o777 == 0o644


def test_every_file_in_the_projects_package_is_one_build_writes() -> None:
    specs = load_specs(sorted((ROOT / "specs").glob("*.yaml")), ROOT)
    modules = [spec.module for spec in specs]
    parts = frozenset(find_config(ROOT).parts)
    expected = package_files(specs, "generated", "specs/", modules=modules, parts=parts)
    present = {PurePosixPath(name) for name in files_below(ROOT / "generated")}
    assert present == set(expected)


def test_build_and_check_agree_on_the_projects_package(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", output, ignore=shutil.ignore_patterns("__pycache__"))
    parts = find_config(ROOT).parts
    assert check(ROOT / "specs", output, root=ROOT, parts=parts) == []
    report = build(ROOT / "specs", output, root=ROOT, parts=parts)
    assert report.written == [] and report.removed == {}


def test_importing_a_generated_module_loads_no_generator_dependency() -> None:
    code = (
        "import sys, generated.codelink_ava\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'jinja2', 'yaml', 'generator', 'jsonschema', 'jsonpath_ng', 'ruff', 'replay'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "output, holds",
    [(".", "the project"), ("specs", "the specs"), ("..", "the project")],
)
def test_an_output_folder_holding_the_specs_or_the_project_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], output: str, holds: str
) -> None:
    before = files_below(project)
    capsys.readouterr()
    assert main(["build", "--output", output]) == 1
    assert f"holds {holds}: a build owns its package folder" in capsys.readouterr().err
    assert files_below(project) == before


def test_another_package_inside_the_output_folder_is_left_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = project / "generated" / "extra"
    assert main(["build", "--output", "generated/extra"]) == 0
    assert main(["build"]) == 0
    assert (inner / "codelink_ava.py").is_file(), "a build never reaches into other folders"
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "generated/extra: not written by build: the package folder holds only what build writes\n"
    )


@pytest.mark.parametrize(
    "name, message",
    [
        ("specs/nope.yaml", "specs/nope.yaml is not a spec file (a .yaml or .yml file)"),
        ("specs/notes.txt", "specs/notes.txt is not a spec file (a .yaml or .yml file)"),
    ],
)
def test_naming_something_that_is_not_a_spec_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    (project / "specs" / "notes.txt").write_text("not a spec\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", name]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"


def test_bytes_not_text_decide_what_is_in_sync(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = project / "generated" / "codelink_ava.py"
    module.write_bytes(module.read_bytes().replace(b"\n", b"\r\n"))
    (project / "generated" / "latin1.py").write_bytes(b"# caf\xe9\n")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "generated/codelink_ava.py: stale, differs from its source (run build)",
        "generated/latin1.py: not written by build: the package folder holds only what build "
        "writes",
    ]
    assert main(["build"]) == 0
    assert b"\r\n" not in module.read_bytes()


def test_check_without_a_package_folder_says_so_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(project / "generated")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "generated: the package folder does not exist (run python -m generator build)\n"
    )


def test_an_output_path_that_is_a_file_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "package").write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--output", "package"]) == 1
    assert capsys.readouterr().err == "error: the output folder package is a file, not a folder\n"


def test_an_empty_specs_folder_is_an_error_not_an_empty_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "specs").mkdir()
    monkeypatch.chdir(tmp_path)
    for command in ("build", "check", "validate"):
        assert main([command]) == 1
        assert (
            capsys.readouterr().err == "error: no specs in specs: a spec is a .yaml or .yml file\n"
        )
    assert not (tmp_path / "generated").exists()


def test_paths_with_dot_dot_name_the_same_files(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[tool.streamgen]\n", encoding="utf-8")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    assert main(["check", "--specs", "../specs", "--output", "../generated"]) == 0
    assert capsys.readouterr().out.endswith("generated is in sync with specs\n")


def test_a_killed_builds_temporary_files_are_reported_and_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leftover = project / "generated" / "_runtime" / ".sse.k3x_9q2z.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "generated/_runtime/.sse.k3x_9q2z.tmp: left over by a build that did not finish "
        "(build removes it)\n"
    )
    assert main(["build", "specs/codelink_ava.yaml"]) == 0
    assert "removed generated/_runtime/.sse.k3x_9q2z.tmp (left over by a build that did not " in (
        capsys.readouterr().out
    )
    assert not leftover.exists()


def test_a_module_ruff_cannot_format_is_named_in_the_error() -> None:
    with pytest.raises(FormatError) as caught:
        format_sources([("fine.py", "x = 1\n"), ("broken_chat.py", "def f(:\n")])
    assert "broken_chat.py" in str(caught.value)
    assert "streamgen-" not in str(caught.value)


@pytest.mark.parametrize(
    ("asked", "carried"),
    [
        ("", set()),
        ("gpt4free", {"gpt4free"}),
        ("registry", {"registry"}),
        ("gateway", {"registry", "gateway"}),
        ("registry,gateway,gpt4free", {"registry", "gateway", "gpt4free"}),
    ],
)
def test_a_package_carries_the_parts_its_build_asks_for_and_those_they_need(
    project: Path, asked: str, carried: set[str]
) -> None:
    assert main(["build", "--parts", asked]) == 0
    runtime = set(files_below(project / "generated" / "_runtime"))
    for name, part in PARTS.items():
        assert set(part.files) <= runtime if name in carried else not set(part.files) & runtime
    exported = set(all_of(project / "generated" / "__init__.py"))
    for name, part in PARTS.items():
        names = set(part.exports)
        assert names <= exported if name in carried else not names & exported
    assert main(["check", "--parts", asked]) == 0


def test_a_build_with_fewer_parts_removes_the_others_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--parts", "gateway,gpt4free"]) == 0
    capsys.readouterr()
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    gone = "part, which this build does not carry)"
    assert f"removed generated/_runtime/_gateway.py (of the 'gateway' {gone}" in out
    assert f"removed generated/_runtime/_gpt4free.py (of the 'gpt4free' {gone}" in out
    assert main(["check", "--parts", "gateway"]) == 1


def test_an_unknown_part_is_a_one_line_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--parts", "gatway"]) == 1
    assert (
        capsys.readouterr().err
        == "error: no part 'gatway' of the runtime; did you mean 'gateway'?\n"
    )


def test_parts_come_from_the_projects_table(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.streamgen]\nparts = ["gpt4free"]\n')
    assert main(["build"]) == 0
    assert (project / "generated" / "_runtime" / "_gpt4free.py").is_file()
    (project / "pyproject.toml").write_text('[tool.streamgen]\nparts = "gpt4free"\n')
    assert main(["build"]) == 1
    assert "parts must be a list of part names" in capsys.readouterr().err


def test_naming_the_configured_folders_keeps_the_configured_parts(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.streamgen]\nparts = ["gpt4free"]\n')
    assert main(["build"]) == 0
    assert main(["check", "--output", "generated", "--specs", "specs"]) == 0
    assert main(["build", "--output", "elsewhere"]) == 0  # another package: no configured part
    assert not (project / "elsewhere" / "_runtime" / "_gpt4free.py").exists()


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, links to folders not followed."""
    files = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent, name)
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges elsewhere")
@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(("target", "holds"), [(".", "the project"), ("specs", "the specs")])
def test_an_output_folder_that_links_to_the_project_or_the_specs_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], command: str, target: str, holds: str
) -> None:
    (project / "link").symlink_to(project / target, target_is_directory=True)
    before = tree(project)
    capsys.readouterr()
    assert main([command, "--output", "link"]) == 1
    assert capsys.readouterr().err == (
        f"error: the output folder link holds {holds}: a build owns its package folder, so "
        "give the package a folder of its own (such as generated)\n"
    )
    assert tree(project) == before


def test_a_build_never_removes_a_file_it_did_not_write_such_as_another_builds_table(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--table", "docs/providers.md"]) == 0
    table = (project / "docs" / "providers.md").read_bytes()
    capsys.readouterr()
    assert main(["build", "--output", "docs"]) == 0
    assert (project / "docs" / "providers.md").read_bytes() == table
    assert "removed" not in capsys.readouterr().out
    assert main(["build", "--output", "docs", "--table", "docs/providers.md"]) == 1
    assert (project / "docs" / "providers.md").read_bytes() == table


def test_build_warns_of_what_it_did_not_write_in_the_package_folder_and_builds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "generated" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (project / "generated" / "vendor").mkdir()
    (project / "generated" / "codelink_ava.py").unlink()
    capsys.readouterr()
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    assert "wrote generated/codelink_ava.py" in out
    assert err.splitlines() == [
        "warning: generated/notes.txt: not written by build: the package folder holds only what "
        "build writes",
        "warning: generated/vendor: not written by build: the package folder holds only what "
        "build writes",
    ]
    assert (project / "generated" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert main(["build", "specs/codelink_ava.yaml"]) == 0
    assert len(capsys.readouterr().err.splitlines()) == 2


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges elsewhere")
def test_a_link_to_the_configured_package_folder_is_that_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.streamgen]\nparts = ["gpt4free"]\n')
    assert main(["build"]) == 0
    (project / "link").symlink_to(project / "generated", target_is_directory=True)
    assert main(["check", "--output", "link"]) == 0
    assert main(["build", "--output", "link"]) == 0
    assert (project / "generated" / "_runtime" / "_gpt4free.py").is_file()
