"""A package built outside this repository, under another name, streams on its own.

The build runs as a user's would, with no ``[tool.streamgen]``: the package carries the runtime's
core alone. It is then used from a fresh process in which the generator, this repository and the
build-time libraries cannot be imported at all.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from replay import ReplayServer

from ..conftest import ROOT, recording

BLOCKED = ["generator", "replay", "generated", "tests", "yaml", "jinja2", "jsonschema", "ruff"]

# Runs in the fresh process: refuse the blocked imports, then stream as a caller would.
CALLER = """
import asyncio, json, sys

BLOCKED = set(json.loads(sys.argv[1]))


class Refuse:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"{name} cannot be imported here")


sys.meta_path.insert(0, Refuse)
try:
    import generator
except ModuleNotFoundError:
    pass
else:
    raise SystemExit("the generator is importable")

from acme_llm import ProviderError, TextStream
from acme_llm.codelink_ava import CodeLinkAva


async def main():
    call = json.loads(sys.argv[3])
    stream = CodeLinkAva.create_async_generator(
        call["model"], call["messages"], base_url=sys.argv[2], **call["kwargs"]
    )
    assert isinstance(stream, TextStream)
    async for text in stream:
        print(json.dumps(text), flush=True)


asyncio.run(main())
loaded = {name.partition(".")[0] for name in sys.modules}
runtime = sorted(name.rpartition(".")[2] for name in sys.modules if name.startswith("acme_llm._"))
print(json.dumps({"blocked_loaded": sorted(loaded & BLOCKED), "jsonpath_ng": "jsonpath_ng" in loaded,
                  "runtime": sys.modules["acme_llm._runtime"].__file__, "modules": runtime}))
"""


def build_elsewhere(folder: Path, *options: str) -> Path:
    """``python -m generator build`` of this project's specs into ``folder/acme_llm``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--specs",
            str(ROOT / "specs"),
            "--output",
            "acme_llm",
            *options,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote acme_llm/codelink_ava.py" in result.stdout.splitlines()
    return folder / "acme_llm"


def run_python(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` in ``folder``, its output kept."""
    return subprocess.run(
        [sys.executable, *arguments], cwd=folder, capture_output=True, text=True, check=False
    )


async def test_a_package_built_elsewhere_streams_where_the_generator_cannot_be_imported(
    tmp_path: Path,
) -> None:
    package = build_elsewhere(tmp_path)
    assert not package.resolve().is_relative_to(ROOT)
    multiline = recording("codelink_ava", "multiline")
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(multiline))
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CALLER,
            json.dumps(BLOCKED),
            base_url,
            json.dumps(multiline.expect["call"]),
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    *deltas, summary = [json.loads(line) for line in stdout.decode().splitlines()]
    assert deltas == multiline.expect["deltas"]
    modules = summary.pop("modules")
    assert summary == {
        "blocked_loaded": [],
        "jsonpath_ng": False,
        "runtime": str(package / "_runtime" / "__init__.py"),
    }
    assert not {"_registry", "_chat", "_gateway", "_gpt4free"} & set(modules)
    [request] = server.requests
    assert request.json() == multiline.request.json


def test_a_core_package_carries_no_part_and_says_how_to_get_one(tmp_path: Path) -> None:
    package = build_elsewhere(tmp_path)
    runtime = {path.name for path in (package / "_runtime").iterdir()}
    optional = {"_registry.py", "_chat.py", "_gpt4free.py", "_openai_format.py"}
    assert not optional & runtime
    assert not [name for name in runtime if name.startswith("_gateway")]
    chat = run_python(tmp_path, "-m", "acme_llm", "CodeLinkAva", "hi")
    assert (chat.returncode, chat.stdout) == (1, "")
    assert chat.stderr == (
        "python -m acme_llm: this package was built without its 'registry' part (the registry "
        "of providers (providers(), get_provider(), find_providers()) and the chat command, "
        'python -m PACKAGE): add "registry" to parts in [tool.streamgen], or build with --parts '
        "registry, and rebuild\n"
    )
    lookup = run_python(tmp_path, "-c", "import acme_llm; acme_llm.providers()")
    assert lookup.stderr.splitlines()[-1] == (
        "AttributeError: acme_llm has no providers: this package was built without its "
        "'registry' part (the registry of providers (providers(), get_provider(), "
        'find_providers()) and the chat command, python -m PACKAGE): add "registry" to parts '
        "in [tool.streamgen], or build with --parts registry, and rebuild"
    )


def test_serve_without_the_gateway_says_how_to_get_it(tmp_path: Path) -> None:
    build_elsewhere(tmp_path, "--parts", "registry")
    serve = run_python(tmp_path, "-m", "acme_llm", "serve")
    assert (serve.returncode, serve.stdout) == (2, "")
    assert serve.stderr == (
        "python -m acme_llm serve: this package was built without its 'gateway' part (the "
        'OpenAI-compatible gateway, python -m PACKAGE serve): add "gateway" to parts in '
        "[tool.streamgen], or build with --parts gateway, and rebuild\n"
    )
