"""What the capture tests share: ``new`` run in a project of its own, the package built from
its spec, and the capture's recording replayed through it on a server that checks each
request."""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from generator._commands import main
from replay import Recording, ReplayServer, load_recording

from ..conftest import ROOT, NoInternet, filled, flow_values

CAPTURES = ROOT / "tests" / "captures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder of its own, the current one: ``new`` writes its recordings there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@dataclass(frozen=True)
class Made:
    """What ``new`` wrote: the spec's text, the recording (None for curl), what it printed."""

    spec: Path
    recording: Path | None
    printed: str

    @property
    def text(self) -> str:
        return self.spec.read_text(encoding="utf-8")


def new(
    project: Path,
    name: str,
    option: str,
    capture: Path,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
) -> Made:
    """``python -m generator new NAME OPTION CAPTURE`` in ``project``; it must succeed."""
    status = main(["new", name, option, str(capture), "--specs", str(project / "specs"), *extra])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    recording = project / "recordings" / name / "captured.json"
    return Made(
        project / "specs" / f"{name}.yaml",
        recording if recording.exists() else None,
        printed.out,
    )


def built(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> Any:
    """The provider class of spec ``name``, built into a package of the project's own."""
    package = f"captured_{project.name.replace('-', '_')}"
    output = project / package
    status = main(
        ["build", "--specs", str(project / "specs"), "--output", str(output), "--parts", ""]
    )
    assert status == 0, capsys.readouterr().err
    sys.path.insert(0, str(project))
    try:
        module = importlib.import_module(f"{package}.{name}")
    finally:
        sys.path.remove(str(project))
    base = importlib.import_module(f"{package}._runtime._provider").AsyncGeneratorProvider
    [provider] = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, base) and value is not base
    ]
    return provider


async def replayed(
    provider: Any, recording: Recording, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, list[str]]:
    """The text ``provider`` reads from ``recording`` served on 127.0.0.1, and what the
    server found wrong with the requests it sent."""
    secrets = sys.modules[provider.__module__]._ENDPOINT.secrets
    values = flow_values(recording, secrets)
    for name in secrets:
        monkeypatch.setenv(name, values[name])
    async with ReplayServer(values=values) as server:
        route = server.add(recording, checked=True)
        call = filled(recording.expect["call"], values)
        connector = aiohttp.TCPConnector(resolver=NoInternet())
        async with aiohttp.ClientSession(connector=connector) as session:
            stream = provider.create_async_generator(
                call["model"],
                call["messages"],
                base_url=server.base_urls(route),
                session=session,
                **call["kwargs"],
            )
            text = "".join([delta async for delta in stream])
        return text, list(server.problems)


def expected(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return data


def recording_at(path: Path | None) -> Recording:
    assert path is not None
    return load_recording(path)
