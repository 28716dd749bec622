"""A package built outside this repository, under another name, streams on its own.

The build runs as a user's would; the package is then used from a fresh process in which the
generator, this repository and the build-time libraries cannot be imported at all.
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
print(json.dumps({"blocked_loaded": sorted(loaded & BLOCKED), "jsonpath_ng": "jsonpath_ng" in loaded,
                  "runtime": sys.modules["acme_llm._runtime"].__file__}))
"""


def build_elsewhere(folder: Path) -> Path:
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
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote acme_llm/codelink_ava.py" in result.stdout.splitlines()
    return folder / "acme_llm"


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
    assert summary == {
        "blocked_loaded": [],
        "jsonpath_ng": False,
        "runtime": str(package / "_runtime" / "__init__.py"),
    }
    [request] = server.requests
    assert request.json() == multiline.request.json
