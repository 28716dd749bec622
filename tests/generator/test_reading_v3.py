"""What the reader says of version 3's sections when they are wrong: where, and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import SpecError, load_specs

SPEC = """\
version: {version}
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true}}
{sections}
"""

HTTP_RESPONSE = "response: {framing: sse, delta: $.t}"


def errors(tmp_path: Path, sections: str, version: int = 3) -> list[str]:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(SPEC.format(version=version, sections=sections), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_specs([path], tmp_path)
    return [f"{d.key_path}: {d.message}" for d in caught.value.diagnostics]


def step(take: str, extra: str = "", url: str = "https://probe.example/s") -> str:
    return f"""\
steps:
  first:
    url: {url}
{extra}    take:
{take}
request:
  url: https://probe.example/chat
  body: {{q: "${{prompt}}"}}
{HTTP_RESPONSE}"""


@pytest.mark.parametrize(
    "sections, expected",
    [
        (
            step("      token: {json: $.a, header: X}"),
            "steps.first.take.token: take one of: json (a JSONPath), regex (with a json path or "
            "not), header, cookie",
        ),
        (
            step("      token: {regex: '(unclosed'}"),
            "steps.first.take.token.regex: not a regular expression: missing ), unterminated "
            "subpattern at position 0",
        ),
        (
            step("      token: {regex: 'a(b)', group: 2}"),
            "steps.first.take.token.regex: has 1 group(s): there is no group 2",
        ),
        (
            step("      token: {json: '$.a[*]'}"),
            "steps.first.take.token.json: a value is taken at one place: a singular JSONPath",
        ),
        (
            step(
                "      token: {json: $.a}", "    cache: true\n", "https://probe.example/s/${model}"
            ),
            "steps.first.cache: a cached step uses nothing of a call's own: ${model}",
        ),
        (
            step("      prompt_text: {json: $.a}").replace('q: "${prompt}"', 'q: "${nope}"'),
            "request.body.q: unknown placeholder ${nope}; known: env.NAME, last_user_message, "
            "messages, model, prompt, prompt_text, system, timestamp, timestamp_ms, url, uuid",
        ),
        (
            step("      token: {json: $.a}").replace("first:", "_first:"),
            "steps._first: step name '_first' must not start with an underscore",
        ),
    ],
)
def test_a_step_error_says_where_and_what(tmp_path: Path, sections: str, expected: str) -> None:
    assert expected in errors(tmp_path, sections)


def test_a_cached_step_takes_something_to_keep(tmp_path: Path) -> None:
    sections = step("      {}", "    cache: true\n").replace("    take:\n      {}\n", "")
    assert "steps.first.cache: a cached step keeps the values it takes: it takes none" in errors(
        tmp_path, sections
    )


def test_a_step_cannot_use_what_a_later_step_takes(tmp_path: Path) -> None:
    sections = f"""\
values:
  signed: {{md5: "${{token}}"}}
steps:
  first:
    url: https://probe.example/a?s=${{signed}}
    take: {{other: {{json: $.b}}}}
  second:
    url: https://probe.example/b
    take: {{token: {{json: $.a}}}}
request:
  url: https://probe.example/chat
  body: {{q: "${{other}}"}}
{HTTP_RESPONSE}"""
    assert errors(tmp_path, sections) == [
        "steps.first: uses ${signed}, which needs a value of step second: a step comes after "
        "what it uses"
    ]


def test_a_taken_value_may_not_take_a_parameters_name(tmp_path: Path) -> None:
    sections = f"""\
steps:
  first:
    url: https://probe.example/a
    take: {{token: {{json: $.a}}}}
request:
  url: https://probe.example/chat
  parameters: {{token: {{type: str, default: x}}}}
  body: {{q: "${{token}}"}}
{HTTP_RESPONSE}"""
    assert "steps.first.take.token: 'token' is already a parameter" in errors(tmp_path, sections)


@pytest.mark.parametrize("host", ["model", "word"])
def test_a_host_placeholder_is_a_value_of_the_specs_own_text(tmp_path: Path, host: str) -> None:
    sections = f"""\
values:
  word: {{text: "a/b"}}
request:
  url: https://${{{host}}}.probe.example/chat
  body: {{q: "${{word}}${{model}}"}}
{HTTP_RESPONSE}"""
    assert errors(tmp_path, sections) == [
        f"request.url: ${{{host}}} cannot stand in the host: only a value computed from the "
        "spec's own text can (a choice, a table, a random text)"
    ]


@pytest.mark.parametrize(
    "sections, expected",
    [
        (
            "request: {url: 'wss://probe.example/hub', body: {a: 1}}\n"
            "response: {framing: websocket, delta: $.t}",
            "request.body: a WebSocket request has no body: it sends (send:)",
        ),
        (
            "request: {url: 'https://probe.example/hub', send: [{text: hi}]}\n"
            "response: {framing: sse, delta: $.t}",
            "request.send: only a WebSocket request sends messages",
        ),
        (
            "request: {url: 'https://probe.example/hub', body: {}}\n"
            "response: {framing: websocket, delta: $.t}",
            "request.url: framing websocket needs a ws:// or wss:// URL",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: text, markers: {skip: [x]}}",
            "response.markers.skip: skip is not for framing text",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: sse, data: text, markers: {cut_before: x}}",
            "response.markers.cut_before: cut_before is not for framing sse",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: sse, data: text, delta: $.t}",
            "response.delta: events of text data hold no JSON to read",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: sse, data: text, cumulative: restart}",
            "response.cumulative: events of text data hold no JSON to read",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: sse, data: text, error: {message: $.e}}",
            "response.error.message: events of text data hold no JSON to read",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: sse, delta: $.t, markers: {error: [x]}}",
            "response.markers: markers go with data: text",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: ndjson, delta: $.t, filter: {path: $.k}}",
            "response.filter: give the value the path must have (equals) or those it may (in)",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: ndjson, delta: $.t, filter: {path: '$.k[*]', equals: 1}}",
            "response.filter.path: a condition reads one value: a singular JSONPath",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: json, delta: $.t, cumulative: restart}",
            "response.cumulative: one document is the whole answer already",
        ),
    ],
)
def test_a_framing_or_transport_error_says_where_and_what(
    tmp_path: Path, sections: str, expected: str
) -> None:
    assert expected in errors(tmp_path, sections)


@pytest.mark.parametrize(
    "sections, expected",
    [
        (step("      token: {json: $.a}"), "steps: steps needs version: 3"),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: json, delta: $.t}",
            "response.framing: framing json needs version: 3",
        ),
        (
            "request: {url: 'https://probe.example/a', body: {}}\n"
            "response: {framing: ndjson, delta: $.t, cumulative: error}",
            "response.cumulative: cumulative needs version: 3",
        ),
        (
            "request:\n  url: https://probe.example/a\n  body: {a: '${t}'}\n"
            "  parameters: {t: {type: str, default: x, secret: true}}\n" + HTTP_RESPONSE,
            "request.parameters.t.secret: a secret parameter needs version: 3",
        ),
    ],
)
def test_version_3_keys_need_version_3(tmp_path: Path, sections: str, expected: str) -> None:
    assert expected in errors(tmp_path, sections, version=2)
