"""``new --from-har`` and ``--from-curl`` on captures of real APIs (tests/captures/, made from
their public docs, as Chrome and Firefox save and copy them): each spec builds, each
recording replays the captured answer exactly through the provider built from the spec, every
request checked as it arrives, and no secret of a capture is in any file written."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from .conftest import CAPTURES, Made, built, expected, new, recording_at, replayed

FOLDERS = sorted(path for path in CAPTURES.iterdir() if (path / "expected.json").is_file())
HARS = [har for folder in FOLDERS for har in sorted(folder.glob("*.har"))]
CURLS = [curl for folder in FOLDERS for curl in sorted(folder.glob("curl_*.txt"))]


def ids(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def assert_no_secret(folder: Path, *texts: str) -> None:
    """No secret of the capture is in ``texts``, as it is, in any case, URL-escaped or in
    base64."""
    for secret in expected(folder)["secrets"]:
        forms = {secret, quote(secret, safe=""), base64.b64encode(secret.encode()).decode()}
        for text in texts:
            found = [form for form in forms if form.lower() in text.lower()]
            assert found == [], f"{secret[:6]}... is in a file written"


def spec_of(made: Made) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(made.text)
    return data


@pytest.mark.parametrize("har", HARS, ids=ids)
async def test_a_har_file_becomes_a_spec_that_replays_its_answer_exactly(
    har: Path, project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    want = expected(har.parent)
    made = new(project, har.parent.name, "--from-har", har, capsys)
    spec = spec_of(made)
    assert spec["response"]["framing"] == want["framing"]
    if want.get("delta"):
        assert spec["response"]["delta"] == want["delta"]
    provider = built(project, har.parent.name, capsys)
    recording = recording_at(made.recording)
    text, problems = await replayed(provider, recording, monkeypatch)
    assert problems == []
    assert text == want["text"]
    assert recording.expect["text"] == want["text"]
    assert_no_secret(har.parent, made.text, made.recording.read_text(encoding="utf-8"))


@pytest.mark.parametrize("curl", CURLS, ids=ids)
def test_a_copy_as_curl_becomes_a_spec_that_builds(
    curl: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = new(project, curl.parent.name, "--from-curl", curl, capsys)
    assert made.recording is None
    built(project, curl.parent.name, capsys)
    assert_no_secret(curl.parent, made.text)


SAME_BROWSER = {
    "curl_bash.txt": "chrome.har",
    "curl_cmd.txt": "chrome.har",
    "curl_firefox.txt": "firefox.har",
}
"""Each browser's copy, and the HAR file the same browser saved of the same request."""


@pytest.mark.parametrize(
    "curl",
    [
        curl
        for curl in CURLS
        if curl.name in SAME_BROWSER and not expected(curl.parent).get("steps")
    ],
    ids=ids,
)
def test_a_copy_as_curl_asks_what_the_same_browsers_har_file_asks(
    curl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = curl.parent.name
    monkeypatch.chdir(tmp_path)
    har = curl.parent / SAME_BROWSER[curl.name]
    from_curl = spec_of(new(tmp_path / "curl", name, "--from-curl", curl, capsys))
    from_har = spec_of(new(tmp_path / "har", name, "--from-har", har, capsys))
    assert from_curl["request"] == from_har["request"]
    assert from_curl["provider"] == from_har["provider"]
