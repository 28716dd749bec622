"""Every kind of spec mistake is reported as file:line:column: key.path: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ProviderSpec, SpecError, load_specs

VALID = """\
version: 1
provider:
  class: Demo
  module: demo
  url: https://demo.example
  working: true
request:
  url: https://api.demo.example/chat
  headers:
    Authorization: Bearer ${env.DEMO_KEY}
  parameters:
    temperature: {type: float, default: 0.5}
  body:
    messages: ${messages}
    temperature: ${temperature}
response:
  framing: sse
  delta: $.choices[0].delta.content
  stop: {data: "[DONE]"}
"""


def load(text: str, tmp_path: Path) -> ProviderSpec:
    """``text`` loaded as ``specs/demo.yaml`` of a project in ``tmp_path``."""
    path = tmp_path / "specs" / "demo.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    return spec


def errors_of(text: str, tmp_path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(text, tmp_path)
    return [str(d) for d in caught.value.diagnostics]


def edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_the_base_spec_is_valid(tmp_path: Path) -> None:
    assert load(VALID, tmp_path).class_name == "Demo"


CASES = {
    "yaml syntax": (
        edit("  working: true\n", "  working: [true\n"),
        [
            "specs/demo.yaml:7:8: YAML: while parsing a flow sequence: expected ',' or ']', but got ':'"
        ],
    ),
    "unknown key with a close match": (
        edit("  delta:", "  dleta:"),
        [
            "specs/demo.yaml:16:1: response: missing required key 'delta'",
            "specs/demo.yaml:18:3: response.dleta: unknown key 'dleta'; did you mean 'delta'?",
        ],
    ),
    "unknown key without a close match": (
        edit("  working: true\n", "  working: true\n  colour: blue\n"),
        [
            "specs/demo.yaml:7:3: provider.colour: unknown key 'colour'; known keys: class, "
            "default_model, description, models, module, supports_gpt_35_turbo, supports_gpt_4, "
            "supports_message_history, supports_stream, url, working"
        ],
    ),
    "wrong type": (
        edit("  working: true", "  working: yes please"),
        ["specs/demo.yaml:6:12: provider.working: expected true or false, got 'yes please'"],
    ),
    "missing key": (
        edit("  url: https://demo.example\n", ""),
        ["specs/demo.yaml:2:1: provider: missing required key 'url'"],
    ),
    "a float where an integer belongs": (
        VALID + "retries: {max_retries: 2.0}\n",
        ["specs/demo.yaml:20:24: retries.max_retries: expected an integer, got 2.0"],
    ),
    "a list where text belongs": (
        edit('stop: {data: "[DONE]"}', "stop: {data: [DONE]}"),
        [
            "specs/demo.yaml:19:16: response.stop.data: expected text, got the list [DONE]; to "
            'write it as text, quote it: "[DONE]"'
        ],
    ),
    "a long list where text belongs": (
        edit('stop: {data: "[DONE]"}', "stop: {data: [" + "DONE, " * 20 + "]}"),
        [
            "specs/demo.yaml:19:16: response.stop.data: expected text, got the list "
            "[DONE, DONE, DONE, DONE, DONE, DONE, DON…; to write it as text, quote it"
        ],
    ),
    "an alias where text belongs": (
        edit("Authorization: Bearer ${env.DEMO_KEY}", "Accept: */*"),
        [
            "specs/demo.yaml:10:14: YAML: while scanning an alias: expected alphabetic or numeric "
            "character, but found '/'; if */* is text, quote it: \"*/*\" ('*' starts a YAML alias)"
        ],
    ),
    "a tag where text belongs": (
        edit("Authorization: Bearer ${env.DEMO_KEY}", "Accept: !x/y"),
        [
            "specs/demo.yaml:10:13: YAML: could not determine a constructor for the tag '!x/y'; "
            "if !x/y is text, quote it: \"!x/y\" ('!' starts a YAML tag)"
        ],
    ),
    "a JSONPath without $": (
        edit("$.choices[0].delta.content", "choices[0].delta.content"),
        [
            "specs/demo.yaml:18:10: response.delta: a JSONPath starts with '$' (as in "
            "'$.choices[0].delta.content'); got 'choices[0].delta.content'"
        ],
    ),
    "a JSONPath with a space before $": (
        edit("delta: $.choices[0].delta.content", "delta: ' $.choices[0].delta.content'"),
        [
            "specs/demo.yaml:18:10: response.delta: a JSONPath starts with '$', with no space "
            "before it; got ' $.choices[0].delta.content'"
        ],
    ),
    "a JSONPath from a filter": (
        edit("delta: $.choices[0].delta.content", "delta: '@.text'"),
        ["specs/demo.yaml:18:10: response.delta: a JSONPath starts with '$'; got '@.text'"],
    ),
    "an alias in a flow mapping": (
        edit("Authorization: Bearer ${env.DEMO_KEY}", "{Accept: */*, X-A: b}"),
        [
            "specs/demo.yaml:10:15: YAML: while scanning an alias: expected alphabetic or numeric "
            "character, but found '/'; if */* is text, quote it: \"*/*\" ('*' starts a YAML alias)"
        ],
    ),
    "a default of the wrong type, spelt as YAML": (
        edit("temperature: {type: float, default: 0.5}", "temperature: {type: int, default: true}"),
        [
            "specs/demo.yaml:12:39: request.parameters.temperature.default: default true is not an int"
        ],
    ),
    "a version 2 key in a version 1 spec": (
        VALID + "  reasoning: $.r\n  error: {event: [error, failed], message: [$.a, $.b]}\n",
        [
            "specs/demo.yaml:20:3: response.reasoning: reasoning needs version: 2",
            "specs/demo.yaml:21:11: response.error.event: a list of event types needs version: 2",
            "specs/demo.yaml:21:35: response.error.message: a list of error paths needs version: 2",
        ],
    ),
    "json_array in a version 1 spec": (
        edit("framing: sse", "framing: json_array").replace('  stop: {data: "[DONE]"}\n', ""),
        ["specs/demo.yaml:17:3: response.framing: framing json_array needs version: 2"],
    ),
    "enum": (
        edit("framing: sse", "framing: grpc"),
        [
            "specs/demo.yaml:17:12: response.framing: 'grpc' is not one of: sse, ndjson, json_array, json, text, websocket, "
            "aws_eventstream"
        ],
    ),
    "invalid jsonpath": (
        edit("$.choices[0].delta.content", "$.choices[01].delta.content"),
        [
            "specs/demo.yaml:18:10: response.delta: invalid JSONPath '$.choices[01].delta.content' "
            "at character 11: leading zeros are not allowed in an index"
        ],
    ),
    "invalid url": (
        edit("https://api.demo.example/chat", "https://"),
        [
            "specs/demo.yaml:8:8: request.url: 'https://' is not a valid http(s) URL with a host and no fragment"
        ],
    ),
    "url with a bad port": (
        edit("https://api.demo.example/chat", "https://api.demo.example:99999/chat"),
        [
            "specs/demo.yaml:8:8: request.url: 'https://api.demo.example:99999/chat' is not a "
            "valid http(s) URL with a host and no fragment"
        ],
    ),
    "url with a broken IPv6 host": (
        edit("https://api.demo.example/chat", "https://[::1/chat"),
        [
            "specs/demo.yaml:8:8: request.url: 'https://[::1/chat' is not a valid http(s) URL with a host and no fragment"
        ],
    ),
    "url with a placeholder": (
        edit("https://api.demo.example/chat", "https://api.demo.example/${model}"),
        ["specs/demo.yaml:8:3: request.url: a placeholder in the URL needs version: 2"],
    ),
    "unknown placeholder": (
        edit("messages: ${messages}", "messages: ${mesages}"),
        [
            "specs/demo.yaml:14:15: request.body.messages: unknown placeholder ${mesages}; did "
            "you mean ${messages}?"
        ],
    ),
    "unknown placeholder like none": (
        edit("messages: ${messages}", "messages: ${history}"),
        [
            "specs/demo.yaml:14:15: request.body.messages: unknown placeholder ${history}; known: "
            "env.NAME, last_user_message, messages, model, prompt, temperature, timestamp, "
            "timestamp_ms, url, uuid"
        ],
    ),
    "unknown placeholder like a variable": (
        edit("Bearer ${env.DEMO_KEY}", "Bearer ${evn.DEMO_KEY}"),
        [
            "specs/demo.yaml:10:20: request.headers.Authorization: unknown placeholder "
            "${evn.DEMO_KEY}; did you mean ${env.DEMO_KEY}?"
        ],
    ),
    "duplicate key": (
        edit(
            "    temperature: ${temperature}\n",
            "    temperature: ${temperature}\n    temperature: 1\n",
        ),
        ["specs/demo.yaml:16:5: request.body.temperature: duplicate key"],
    ),
    "class name is a keyword": (
        edit("class: Demo", "class: class"),
        [
            "specs/demo.yaml:3:10: provider.class: class name 'class' is not a valid Python identifier"
        ],
    ),
    "module name hides a registry function": (
        edit("module: demo", "module: providers"),
        [
            "specs/demo.yaml:4:11: provider.module: module name 'providers' is taken by a "
            "function of the package"
        ],
    ),
    "module name is the serve command": (
        edit("module: demo", "module: serve"),
        [
            "specs/demo.yaml:4:11: provider.module: module name 'serve' is taken by the command "
            "python -m PACKAGE serve"
        ],
    ),
    "class name shadows the runtime": (
        edit("class: Demo", "class: Endpoint"),
        [
            "specs/demo.yaml:3:10: provider.class: class name 'Endpoint' is reserved: it would "
            "shadow a name of the generated code or a Python builtin"
        ],
    ),
    "parameter name shadows an argument": (
        VALID.replace("temperature", "session"),
        [
            "specs/demo.yaml:12:14: request.parameters.session: parameter name 'session' is "
            "reserved: it would shadow a name of the generated code or a Python builtin"
        ],
    ),
    "parameter default of the wrong type": (
        edit("default: 0.5", "default: warm"),
        [
            "specs/demo.yaml:12:41: request.parameters.temperature.default: default 'warm' is not a float"
        ],
    ),
    "parameter never used": (
        edit("    temperature: ${temperature}\n", ""),
        [
            "specs/demo.yaml:12:5: request.parameters.temperature: declared but never used: put "
            "${temperature} in the body, a header or the URL"
        ],
    ),
    "header with a line break": (
        edit("Bearer ${env.DEMO_KEY}", '"Bearer\\nX-Evil: 1"'),
        [
            "specs/demo.yaml:10:20: request.headers.Authorization: a header value cannot contain a line break or another control character"
        ],
    ),
    "invalid header name": (
        edit("    Authorization:", '    "Bad Header":'),
        [
            "specs/demo.yaml:10:5: request.headers.Bad Header: 'Bad Header' is not a valid HTTP header name"
        ],
    ),
    "sse-only key with ndjson": (
        edit("framing: sse", "framing: ndjson"),
        ["specs/demo.yaml:19:10: response.stop.data: only for framing sse, not ndjson"],
    ),
    "missing delta for a JSON framing": (
        edit("  delta: $.choices[0].delta.content\n", ""),
        ["specs/demo.yaml:16:1: response: missing required key 'delta'"],
    ),
    "optional parameter inside text": (
        edit("default: 0.5", "default: null").replace(
            "Bearer ${env.DEMO_KEY}", "Bearer ${env.DEMO_KEY} ${temperature}"
        ),
        [
            "specs/demo.yaml:10:20: request.headers.Authorization: ${temperature} can be absent "
            "(its default is null): it can only be the whole value of a body key, left out when "
            "absent"
        ],
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_error_kind(text: str, expected: list[str], tmp_path: Path) -> None:
    assert errors_of(text, tmp_path) == expected


def test_all_errors_of_a_spec_are_reported_at_once(tmp_path: Path) -> None:
    text = edit("class: Demo", "class: 1Demo").replace("framing: sse", "framing: sse\n  colour: x")
    errors = errors_of(text, tmp_path)
    assert len(errors) == 2
    assert any("provider.class" in e for e in errors)
    assert any("response.colour" in e for e in errors)


def test_an_empty_file(tmp_path: Path) -> None:
    assert errors_of("", tmp_path) == ["specs/demo.yaml:1:1: the file is empty"]


def test_yaml_tags_that_build_objects_are_refused(tmp_path: Path) -> None:
    text = edit("working: true", "working: !!python/object/apply:os.system ['true']")
    [error] = errors_of(text, tmp_path)
    assert error == (
        "specs/demo.yaml:6:12: provider.working: "
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in a spec"
    )


def test_unknown_tags_on_scalars_are_refused(tmp_path: Path) -> None:
    [error] = errors_of(edit("working: true", "working: !!python/name:os.system x"), tmp_path)
    assert error.startswith("specs/demo.yaml:6:12: YAML: could not determine a constructor")


def test_structure_and_meaning_errors_of_different_sections_come_together(tmp_path: Path) -> None:
    text = (
        edit("    temperature: ${temperature}\n", "")
        .replace("  delta: $.choices[0].delta.content\n", "  dleta: x\n  delta: $[01]\n")
        .replace("  class: Demo\n", "  class: 7\n")
    )
    assert errors_of(text, tmp_path) == [
        "specs/demo.yaml:3:10: provider.class: expected text, got 7",
        "specs/demo.yaml:12:5: request.parameters.temperature: declared but never used: put "
        "${temperature} in the body, a header or the URL",
        "specs/demo.yaml:17:3: response.dleta: unknown key 'dleta'; did you mean 'delta'?",
        "specs/demo.yaml:18:10: response.delta: invalid JSONPath '$[01]' at character 3: "
        "leading zeros are not allowed in an index",
    ]


def test_a_recursive_alias_is_an_error_not_a_crash(tmp_path: Path) -> None:
    text = edit("  working: true\n", "  working: true\n  extra: &loop {again: *loop}\n")
    errors = errors_of(text, tmp_path)
    assert (
        "specs/demo.yaml:7:10: provider.extra.again: a YAML alias refers to a value that contains it"
        in errors
    )


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
        for previous, name in zip("abcdefg", "bcdefgh", strict=False)
    )
    [error] = errors_of("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + bomb, tmp_path)
    assert error.endswith("more than 10000 values: is an alias repeated?")


def test_anchors_and_merge_keys_work(tmp_path: Path) -> None:
    text = edit(
        "  headers:\n    Authorization: Bearer ${env.DEMO_KEY}\n",
        "  headers:\n    <<: &common {Accept: '*/*'}\n    Authorization: Bearer ${env.DEMO_KEY}\n",
    )
    assert [name for name, _ in load(text, tmp_path).request.headers] == ["Accept", "Authorization"]


def test_infinity_and_nan_are_refused_wherever_they_are(tmp_path: Path) -> None:
    text = edit("default: 0.5", "default: .inf")
    text = text.replace(
        '  stop: {data: "[DONE]"}\n', '  stop: {data: "[DONE]"}\ntimeouts: {total: -.inf}\n'
    )
    assert errors_of(text, tmp_path) == [
        "specs/demo.yaml:12:41: request.parameters.temperature.default: .inf is not a number "
        "JSON or Python source can hold",
        "specs/demo.yaml:20:19: timeouts.total: -.inf is not a number JSON or Python source can hold",
    ]


# ---------------------------------------------------------------- limits: nothing a file holds is a traceback


def errors_of_bytes(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "specs" / "demo.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    with pytest.raises(SpecError) as caught:
        load_specs([path], tmp_path)
    return [str(d) for d in caught.value.diagnostics]


def test_nesting_too_deep_is_an_error_at_its_place(tmp_path: Path) -> None:
    text = "version: 2\nbody: " + "[" * 600 + "]" * 600 + "\n"
    assert errors_of(text, tmp_path) == ["specs/demo.yaml:2:38: nested more than 32 levels deep"]


def test_an_integer_too_long_to_convert_is_an_error(tmp_path: Path) -> None:
    text = edit("default: 0.5", "default: " + "9" * 5000)
    assert errors_of(text, tmp_path) == [
        "specs/demo.yaml:12:41: request.parameters.temperature.default: "
        + "9" * 40
        + "… is not a number JSON or Python source can hold"
    ]


def test_settings_past_their_bounds_are_errors(tmp_path: Path) -> None:
    text = VALID + (
        "  max_event_size: " + "9" * 60 + "\n"
        "  max_response_bytes: 1099511627777\n"
        "timeouts: {total: 1.0e+300, idle: 0}\n"
        "retries: {max_retries: 101, max_backoff: 3601}\n"
    )
    assert errors_of(text, tmp_path) == [
        "specs/demo.yaml:20:19: response.max_event_size: "
        + "9" * 40
        + "…: must be at most 1073741824",
        "specs/demo.yaml:21:23: response.max_response_bytes: 1099511627777: must be at most "
        "1099511627776",
        "specs/demo.yaml:22:19: timeouts.total: 1e+300: must be at most 86400",
        "specs/demo.yaml:22:35: timeouts.idle: 0: must be more than 0",
        "specs/demo.yaml:23:24: retries.max_retries: 101: must be at most 100",
        "specs/demo.yaml:23:42: retries.max_backoff: 3601: must be at most 3600",
    ]


def test_a_nul_byte_is_an_error_at_its_place(tmp_path: Path) -> None:
    assert errors_of_bytes(b"version: 2\nprovider: {class: A\x00}\n", tmp_path) == [
        "specs/demo.yaml:2:20: YAML: character U+0000 is not allowed in a spec"
    ]


def test_a_file_too_large_for_a_spec(tmp_path: Path) -> None:
    assert errors_of_bytes(b"#" * (2 << 20), tmp_path) == [
        "specs/demo.yaml:1:1: the file is larger than a spec can be (1048576 bytes at most)"
    ]


def test_a_file_that_is_no_spec_is_not_quoted(tmp_path: Path) -> None:
    secret = "sk-live-0123456789abcdef"
    [error] = errors_of(f"OPENAI_API_KEY={secret}\n", tmp_path)
    assert secret not in error
    assert error == (
        "specs/demo.yaml:1:1: the file holds text, not a mapping of keys: a spec starts with "
        "`version:`"
    )


def test_a_long_value_is_quoted_short(tmp_path: Path) -> None:
    [error] = errors_of(edit("framing: sse", "framing: " + "x" * 500), tmp_path)
    assert error.startswith("specs/demo.yaml:17:12: response.framing: 'xxxxx")
    assert "x" * 60 not in error and "…" in error


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("working: true", "working: !!bool hello", "provider.working: hello is not a !!bool"),
        ("  working: true", "  !!float working: true", "provider: key working is not a !!float"),
    ],
)
def test_a_value_its_tag_does_not_fit_is_an_error_not_a_crash(
    old: str, new: str, expected: str, tmp_path: Path
) -> None:
    errors = errors_of(edit(old, new), tmp_path)
    assert any(error.endswith(expected) for error in errors), errors


@pytest.mark.parametrize("data", ["\\ufffd", "[DONE\\ud800]"])
def test_stop_data_no_event_can_equal_is_an_error(data: str, tmp_path: Path) -> None:
    errors = errors_of(edit('stop: {data: "[DONE]"}', f'stop: {{data: "{data}"}}'), tmp_path)
    assert errors == [
        "specs/demo.yaml:19:16: response.stop.data: "
        "holds U+FFFD or a lone surrogate, which no event's data can equal"
    ]
