"""Tests of the runtime's source, ``generator/runtime``."""

from __future__ import annotations

import pytest

from generator.runtime._config import Retries

from ..conftest import instant_retries


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    instant_retries(monkeypatch, Retries)
