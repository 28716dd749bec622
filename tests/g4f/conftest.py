"""gpt4free's clients (the ``g4f`` package) driving generated providers over the replay server.

These tests run in a pytest process of their own, ``pytest tests/g4f`` (``.ci/run`` runs it
after the rest), and are skipped in any session that collects other tests too: importing g4f
imports some 400 modules and adds warning filters and a log handler, and its calls write usage
logs and change counters on provider classes, none of which the rest of the suite should run
under. No test module imports g4f itself, so a session that skips them never imports it.
"""

from __future__ import annotations

import asyncio
import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from generated import TextStream, gpt4free_provider
from generated._runtime._config import Retries
from generated._runtime._gpt4free import Gpt4freeProvider
from generated._runtime._steps import StepCache
from generated.codelink_ava import CodeLinkAva
from generated.ollama_chat import OllamaChat
from generated.openai_chat import OpenaiChat
from replay import Recording, ReplayServer

from ..conftest import forget_step_caches, instant_retries, noting_closes

HERE = Path(__file__).parent

APART = (
    "gpt4free's tests run in a pytest process of their own, as .ci/run does: "
    "pip install -e '.[test,g4f]' && python -m pytest tests/g4f"
)
NOT_INSTALLED = "g4f is not installed: pip install -e '.[g4f]'"

CODELINK_AVA = gpt4free_provider(CodeLinkAva)
OPENAI_CHAT = gpt4free_provider(OpenaiChat)

PROVIDERS: dict[str, type[Gpt4freeProvider]] = {
    "codelink_ava": CODELINK_AVA,
    "openai_chat": OPENAI_CHAT,
    "ollama_chat": gpt4free_provider(OllamaChat),
}
"""What gpt4free is given of a provider whose body merges undeclared arguments, one whose body
is OpenAI's, and one that refuses them (its signature has no ``**kwargs``)."""

ANSWERS = [
    ("codelink_ava", "hello"),
    ("codelink_ava", "non_ascii"),
    ("openai_chat", "haiku"),
    ("ollama_chat", "why_sky"),
]
"""Recordings of answers that gpt4free passes on unchanged: no ``<think>``, messages it does not
rewrite, only arguments the provider declares."""


@pytest.fixture(autouse=True)
def fresh_step_caches() -> None:
    forget_step_caches("generated", StepCache)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    instant_retries(monkeypatch, Retries)


@pytest.fixture
def closed_streams(monkeypatch: pytest.MonkeyPatch) -> list[TextStream]:
    """Every stream of the package closed during the test, in order."""
    return noting_closes(monkeypatch, TextStream)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip these tests in a session that collects others too (pytest hands every conftest
    all the session's items)."""
    mine = [item for item in items if item.path.is_relative_to(HERE)]
    if len(mine) < len(items):
        for item in mine:
            item.add_marker(pytest.mark.skip(reason=APART))


@pytest.fixture
def g4f_client() -> ModuleType:
    """``g4f.client``, where ``Client`` and ``AsyncClient`` are."""
    return pytest.importorskip("g4f.client", reason=NOT_INSTALLED)


@pytest.fixture(autouse=True)
def g4f_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where g4f writes its usage log (``.usage/<date>.jsonl``): the test's, not ``~/.g4f``."""
    cookies = pytest.importorskip("g4f.cookies", reason=NOT_INSTALLED)
    folder = tmp_path / "g4f"
    monkeypatch.setattr(cookies.CookiesConfig, "cookies_dir", str(folder))
    return folder


@pytest.fixture(autouse=True)
def openai_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """The key OpenaiChat's spec reads from the environment."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789")
    return "sk-test-0123456789"


def deltas(recorded: Recording) -> list[str]:
    """The text deltas the recording's provider must yield."""
    expected = recorded.expect["deltas"]
    assert isinstance(expected, list)
    return [str(delta) for delta in expected]


def call(recorded: Recording) -> dict[str, object]:
    """``create``'s arguments for the recorded call: model, messages and the keyword arguments."""
    recorded_call = recorded.expect["call"]
    assert isinstance(recorded_call, dict)
    return {
        "model": recorded_call["model"],
        # A copy: gpt4free rewrites the messages it is given in place.
        "messages": copy.deepcopy(recorded_call["messages"]),
        **recorded_call["kwargs"],
    }


@contextmanager
def served(*recordings: Recording) -> Iterator[ReplayServer]:
    """A replay server of ``recordings`` on an event loop in another thread.

    gpt4free's ``Client`` is synchronous: it blocks the test's thread while the provider runs
    an event loop of its own, so the server cannot share the test's.
    """
    server = ReplayServer()
    for each in recordings:
        server.add(each)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="replay-server")
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(server.start(), loop).result()
        try:
            yield server
        finally:
            asyncio.run_coroutine_threadsafe(server.close(), loop).result()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
