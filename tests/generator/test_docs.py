"""The documentation states what the code does: the spec format's defaults and bounds."""

from __future__ import annotations

import re

from generator.runtime import _constants as constants

from ..conftest import ROOT

DEFAULTS = {
    "timeouts.connect": constants.DEFAULT_CONNECT_TIMEOUT,
    "timeouts.idle": constants.DEFAULT_IDLE_TIMEOUT,
    "timeouts.total": constants.DEFAULT_TOTAL_TIMEOUT,
    "retries.max_retries": constants.DEFAULT_MAX_RETRIES,
    "retries.initial_backoff": constants.DEFAULT_INITIAL_BACKOFF,
    "retries.max_backoff": constants.DEFAULT_MAX_BACKOFF,
    "retries.silent_streams": constants.DEFAULT_RETRY_SILENT_STREAMS,
    "response.max_event_size": constants.DEFAULT_MAX_EVENT_SIZE,
    "response.max_response_bytes": constants.DEFAULT_MAX_RESPONSE_BYTES,
}


def _value(text: str) -> float | bool:
    return text == "true" if text in ("true", "false") else float(text)


def test_the_defaults_table_states_the_runtimes_constants() -> None:
    text = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
    table = text.split("### Defaults", 1)[1]
    rows = re.findall(r"^\| `([a-z_.]+)` \| ([0-9.]+|true|false)", table, flags=re.MULTILINE)
    assert {key: _value(value) for key, value in rows} == DEFAULTS


def test_the_cap_on_a_servers_wait_hint_is_the_runtimes() -> None:
    text = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
    assert f"and at most {constants.MAX_RETRY_AFTER:g} s;" in text
