"""Tests of the project's package, ``generated``: its providers, registry and chat command."""

from __future__ import annotations

import pytest

from generated import TextStream
from generated._runtime._config import Retries
from generated._runtime._steps import StepCache

from ..conftest import forget_step_caches, instant_retries, noting_closes


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
