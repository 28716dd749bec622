"""Computed values (version 3): each function compiled and run, the digests against their
standards' published test vectors, and each value computed once per call."""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from generator import SpecError, load_specs, render_provider

from .conftest import BuiltPackage


class Capture:
    """Stands in for a module's endpoint: records what a call would send."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def secret(self, variable: str, base_url: object = None) -> str:
        return "Jefe"

    def entry(self, table: str, entries: Any, key: str, **options: Any) -> Any:
        return self._real.entry(table, entries, key, **options)

    def stream(self, headers: dict[str, str], body: Any, **options: Any) -> dict[str, Any]:
        return {"headers": headers, "body": body}


def spec_text(values: str, body: str) -> str:
    return f"""\
version: 3
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true,
           default_model: m1, models: [m1, m2]}}
values:
{values}
request:
  url: https://probe.example/chat
  parameters:
    data: {{type: str, default: "abc"}}
  body:
    model: ${{model}}
    data: ${{data}}
{body}
response: {{framing: sse, delta: $.t}}
"""


def provider(tmp_path: Path, built: BuiltPackage, values: str, body: str) -> Any:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(spec_text(values, body), encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    module = built.load(render_provider(spec), "probe")
    module._ENDPOINT = Capture(module._ENDPOINT)
    return module.Probe


def sent(
    tmp_path: Path, built: BuiltPackage, values: str, messages: Any = (), **kwargs: Any
) -> dict[str, Any]:
    """The body a call sends, each value under its own name."""
    names = re.findall(r"^  (\w+):", values, flags=re.MULTILINE)
    body = "\n".join(f"    {name}: ${{{name}}}" for name in names)
    probe = provider(tmp_path, built, values, body)
    call = probe.create_async_generator(kwargs.pop("model", "m1"), list(messages), **kwargs)
    return {name: value for name, value in call["body"].items() if name in names}


DIGESTS = """\
  sha256: {sha256: "${data}"}
  sha256_base64: {sha256: "${data}", encoding: base64}
  sha1: {sha1: "${data}"}
  md5: {md5: "${data}"}
  mac: {hmac_sha256: "what do ya want for nothing?", key: "${env.MAC_KEY}"}
  encoded: {base64: "foobar"}
"""


def test_digests_match_their_standards_vectors(tmp_path: Path, built: BuiltPackage) -> None:
    body = sent(tmp_path, built, DIGESTS)
    # FIPS 180-2 appendix B.1 and A.1, RFC 1321 appendix A.5 ("abc")
    assert body["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert body["sha256_base64"] == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
    assert body["sha1"] == "a9993e364706816aba3e25717850c26c9cd0d89d"
    assert body["md5"] == "900150983cd24fb0d6963f7d28e17f72"
    # RFC 4231, test case 2 (key "Jefe")
    assert body["mac"] == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    # RFC 4648, section 10
    assert body["encoded"] == "Zm9vYmFy"


TEXTS = """\
  joined: {text: "${model}/${data}"}
  backwards: {reverse: "${joined}"}
  size: {length: "${joined}"}
  document: {json: {model: "${model}", n: 1}}
  compact: {json: {model: "${model}", n: 1}, compact: true}
"""


def test_text_functions(tmp_path: Path, built: BuiltPackage) -> None:
    body = sent(tmp_path, built, TEXTS)
    assert body == {
        "joined": "m1/abc",
        "backwards": "cba/1m",
        "size": 6,
        "document": '{"model": "m1", "n": 1}',
        "compact": '{"model":"m1","n":1}',
    }


RANDOM = """\
  word: {random: {alphabet: "ab", length: 12}}
  number: {random: {min: 5, max: 7}}
  pick: {choice: [x, y]}
  id: {uuid: v4}
  seconds: {time: seconds}
  millis: {time: milliseconds}
  day: {date: "%Y-%m-%d"}
"""


def test_random_values_and_times_are_of_their_kind(tmp_path: Path, built: BuiltPackage) -> None:
    spec = RANDOM.replace("  id:", "  request_id:")
    before = time.time()
    bodies = [sent(tmp_path, built, spec) for _ in range(20)]
    days = {time.strftime("%Y-%m-%d", time.gmtime(moment)) for moment in (before, time.time())}
    for body in bodies:
        assert re.fullmatch("[ab]{12}", body["word"])
        assert body["number"] in {5, 6, 7}
        assert body["pick"] in {"x", "y"}
        assert uuid.UUID(body["request_id"]).version == 4
        assert abs(body["seconds"] - time.time()) < 60
        assert abs(body["millis"] / 1000 - time.time()) < 60
        assert body["day"] in days
    assert {body["pick"] for body in bodies} == {"x", "y"}
    assert len({body["word"] for body in bodies}) > 1


MESSAGES = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello"},
    {"role": "user", "content": [{"type": "text", "text": "Why?"}]},
]

MESSAGE_VALUES = """\
  history: {messages: before_last}
  last: {messages: last}
  last_answer: {messages: last, role: assistant}
  lines: {prompt: "${role}: ${content}", separator: " | ", end: " | Bot:", roles: {user: You}}
"""


def test_message_slices_and_a_prompt_of_the_specs_own(tmp_path: Path, built: BuiltPackage) -> None:
    body = sent(tmp_path, built, MESSAGE_VALUES, MESSAGES)
    assert body["history"] == MESSAGES[:-1]
    assert body["last"] == "Why?"
    assert body["last_answer"] == "Hello"
    assert body["lines"] == "system: Be brief. | You: Hi | assistant: Hello | You: Why? | Bot:"


TABLES = """\
  model_id: {table: {m1: "model-one", m2: "model-two"}}
  options: {table: {m1: {temperature: 0.5}}, default: {temperature: 1}}
"""


def test_tables_give_the_models_entry_or_their_default(tmp_path: Path, built: BuiltPackage) -> None:
    assert sent(tmp_path, built, TABLES, model="m2") == {
        "model_id": "model-two",
        "options": {"temperature": 1},
    }
    assert sent(tmp_path, built, TABLES, model="m1")["options"] == {"temperature": 0.5}


def test_a_key_a_table_lacks_names_the_keys_it_has(tmp_path: Path, built: BuiltPackage) -> None:
    errors = built.runtime("_exceptions")
    with pytest.raises(
        errors.ConfigurationError, match="model_id has no entry for 'm3'; it has: 'm1', 'm2'"
    ):
        sent(tmp_path, built, TABLES, model="m3")


def test_a_lone_surrogate_is_hashed_as_a_browser_encodes_it(
    tmp_path: Path, built: BuiltPackage
) -> None:
    values = "  signed: {sha256: '${last_user_message}'}\n"
    probe = provider(tmp_path, built, values, "    signed: ${signed}")
    body = probe.create_async_generator("m1", [{"role": "user", "content": "hi \ud800"}])["body"]
    assert body["signed"] == hashlib.sha256("hi \ufffd".encode()).hexdigest()


def test_a_secret_key_a_table_lacks_is_not_shown(tmp_path: Path, built: BuiltPackage) -> None:
    errors = built.runtime("_exceptions")
    values = "  region: {table: {eu: x}, key: '${env.REGION_TOKEN}'}\n"
    probe = provider(tmp_path, built, values, "    region: ${region}")
    with pytest.raises(errors.ConfigurationError) as caught:
        probe.create_async_generator("m1", [])
    assert "Jefe" not in str(caught.value)  # the Capture's secret
    assert "region has no entry for the key given; it has: 'eu'" in str(caught.value)


def test_a_value_is_computed_once_for_all_its_uses(tmp_path: Path, built: BuiltPackage) -> None:
    values = "  word: {random: {alphabet: abcdefghij, length: 30}}\n"
    probe = provider(tmp_path, built, values, "    a: ${word}\n    b: '${word}'\n    c: x${word}")
    body = probe.create_async_generator("m1", [])["body"]
    assert body["a"] == body["b"] == body["c"][1:]
    assert len(body["a"]) == 30


@pytest.mark.parametrize(
    "values, message",
    [
        ("  x: {sha256: a, md5: b}", "values.x: a value is one function of:"),
        ("  x: {md5: a, key: k}", "values.x.key: md5 takes encoding"),
        ("  x: {hmac_sha256: a}", "values.x.hmac_sha256: hmac_sha256 needs a key"),
        ("  x: {random: {alphabet: '', length: 3}}", "values.x.random: alphabet is a text"),
        ("  x: {random: {min: 3, max: 1}}", "values.x.random: min and max are integers"),
        ("  x: {text: '${nope}'}", "values.x.text: unknown placeholder ${nope}"),
        (
            "  x: {messages: before_last, role: user}",
            "values.x.role: role goes with messages: last",
        ),
        ("  model_name: {text: a}\n  model_name2: {text: '${model_name3}'}", "unknown placeholder"),
    ],
)
def test_a_value_spec_error_says_where_and_what(tmp_path: Path, values: str, message: str) -> None:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(spec_text(values, "    a: 1"), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_specs([path], tmp_path)
    shown = [f"{d.key_path}: {d.message}" for d in caught.value.diagnostics]
    assert any(message in line for line in shown), shown


def test_values_need_version_3(tmp_path: Path) -> None:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    text = spec_text("  x: {text: a}", "    a: ${x}").replace("version: 3", "version: 2")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_specs([path], tmp_path)
    assert "values: values needs version: 3" in [
        f"{d.key_path}: {d.message}" for d in caught.value.diagnostics
    ]
