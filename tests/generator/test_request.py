"""The request a generated module builds (version 2): URL placeholders, messages, leftovers, bodies.

Each spec here is rendered and run with its endpoint replaced by one that records the call, so
these tests see exactly what would be sent.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from generator import SpecError, load_specs, render_provider
from generator._model import BUILTIN_PLACEHOLDERS, CALL_OPTIONS

from .conftest import BuiltPackage

SECRET = "k&y=1 +x/"


class Capture:
    """Stands in for a module's endpoint: records what a call would send."""

    def secret(self, variable: str, base_url: object = None) -> str:
        return SECRET

    def stream(self, headers: dict[str, str], body: Any, **options: Any) -> dict[str, Any]:
        return {"headers": headers, "body": body, **options}


def spec_text(request: str, *, version: int = 2, models: str = "[m1]") -> str:
    return f"""\
version: {version}
provider: {{class: Probe, module: probe, url: "https://probe.example", working: true,
           default_model: m1, models: {models}}}
request:
{request}
response: {{framing: sse, delta: $.text}}
"""


def load(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "specs" / "probe.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    [spec] = load_specs([path], tmp_path)
    return spec


def provider(tmp_path: Path, built: BuiltPackage, request: str, **spec: Any) -> Any:
    module = built.load(render_provider(load(tmp_path, spec_text(request, **spec))), "probe")
    module._ENDPOINT = Capture()
    return module.Probe


def errors(tmp_path: Path, request: str, **spec: Any) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, spec_text(request, **spec))
    return [f"{d.key_path}: {d.message}" for d in caught.value.diagnostics]


# ---------------------------------------------------------------- URL placeholders

URL = """\
  url: https://api.probe.example/v1/models/${model}:stream?alt=sse&key=${env.PROBE_KEY}
  body: {messages: "${messages}"}
"""


def test_placeholders_in_the_path_are_one_segment_and_in_the_query_one_value(
    tmp_path: Path, built: BuiltPackage
) -> None:
    call = provider(tmp_path, built, URL).create_async_generator("a/b c?", [])
    assert call["url"] == (
        "https://api.probe.example/v1/models/a%2Fb%20c%3F:stream?alt=sse&key=k%26y%3D1%20%2Bx%2F"
    )


def test_the_default_model_goes_into_the_url(tmp_path: Path, built: BuiltPackage) -> None:
    call = provider(tmp_path, built, URL).create_async_generator("", [])
    assert call["url"].startswith("https://api.probe.example/v1/models/m1:stream?")


def test_a_url_without_placeholders_is_the_endpoints_own(
    tmp_path: Path, built: BuiltPackage
) -> None:
    request = "  url: https://api.probe.example/chat\n  body: {messages: '${messages}'}\n"
    call = provider(tmp_path, built, request).create_async_generator("", [])
    assert "url" not in call


@pytest.mark.parametrize(
    "url, message",
    [
        (
            "https://${model}.probe.example/chat",
            "request.url: a placeholder in the host needs version: 3",
        ),
        (
            "https://api.probe.example/${messages}",
            "request.url: ${messages} must be the whole value, not part of text",
        ),
    ],
)
def test_url_placeholders_that_cannot_be(tmp_path: Path, url: str, message: str) -> None:
    assert errors(tmp_path, f"  url: {url}\n  body: {{}}\n") == [message]


def test_url_placeholders_need_version_2(tmp_path: Path) -> None:
    assert errors(tmp_path, URL, version=1) == [
        "request.url: a placeholder in the URL needs version: 2"
    ]


def test_several_models_and_no_model_placeholder_is_an_error(tmp_path: Path) -> None:
    request = "  url: https://api.probe.example/chat\n  body: {messages: '${messages}'}\n"
    assert errors(tmp_path, request, models="[m1, m2]") == [
        "provider.models: lists several models, but the request never uses ${model}: the "
        "caller's choice of model would be ignored"
    ]


# ---------------------------------------------------------------- messages

CONVERSATION: list[dict[str, Any]] = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": [{"type": "text", "text": "Hi"}, {"type": "image_url"}]},
    {"role": "assistant", "content": "Hello.", "name": "bot"},
    {"role": "system", "content": [{"type": "text", "text": "Use French."}]},
]

GEMINI_LIKE = """\
  url: https://api.probe.example/chat
  messages:
    system: separate
    roles: {assistant: model}
    content: text
    item: {role: "${role}", parts: [{text: "${content}"}]}
  body:
    contents: ${messages}
    systemInstruction: {parts: [{text: "${system}"}]}
"""


def test_messages_mapped_by_an_item_template(tmp_path: Path, built: BuiltPackage) -> None:
    call = provider(tmp_path, built, GEMINI_LIKE).create_async_generator("", CONVERSATION)
    assert call["body"] == {
        "contents": [
            {"role": "user", "parts": [{"text": "Hi"}]},
            {"role": "model", "parts": [{"text": "Hello."}]},
        ],
        "systemInstruction": {"parts": [{"text": "Be brief.\n\nUse French."}]},
    }


def test_without_system_messages_their_section_is_left_out(
    tmp_path: Path, built: BuiltPackage
) -> None:
    call = provider(tmp_path, built, GEMINI_LIKE).create_async_generator("", CONVERSATION[1:3])
    assert "systemInstruction" not in call["body"]


def test_messages_renamed_keep_their_other_keys_and_parts(
    tmp_path: Path, built: BuiltPackage
) -> None:
    request = """\
  url: https://api.probe.example/chat
  messages: {roles: {assistant: bot}}
  body: {messages: "${messages}"}
"""
    call = provider(tmp_path, built, request).create_async_generator("", CONVERSATION[1:3])
    assert call["body"]["messages"] == [
        CONVERSATION[1],
        {"role": "bot", "content": "Hello.", "name": "bot"},
    ]


def test_without_a_mapping_messages_go_as_given(tmp_path: Path, built: BuiltPackage) -> None:
    request = "  url: https://api.probe.example/chat\n  body: {messages: '${messages}'}\n"
    call = provider(tmp_path, built, request).create_async_generator("", CONVERSATION)
    assert call["body"]["messages"] == CONVERSATION


def test_a_parameter_named_like_an_item_placeholder_does_not_empty_the_messages(
    tmp_path: Path, built: BuiltPackage
) -> None:
    request = """\
  url: https://api.probe.example/chat
  parameters: {content: {type: str, default: null}}
  messages: {item: {role: "${role}", content: "${content}"}}
  body: {messages: "${messages}", extra: "${content}"}
"""
    call = provider(tmp_path, built, request).create_async_generator("", CONVERSATION[2:3])
    assert call["body"] == {"messages": [{"role": "assistant", "content": "Hello."}]}


def test_a_url_without_placeholders_is_sent_as_its_text(
    tmp_path: Path, built: BuiltPackage
) -> None:
    request = "  url: https://api.probe.example/costs/$${price}\n  body: {}\n"
    module = built.load(render_provider(load(tmp_path, spec_text(request))), "probe_static")
    assert module._ENDPOINT.url == "https://api.probe.example/costs/${price}"


def test_a_mapping_the_request_never_uses_is_an_error(tmp_path: Path) -> None:
    request = """\
  url: https://api.probe.example/chat
  messages: {system: separate}
  body: {prompt: "${prompt}"}
"""
    assert errors(tmp_path, request) == [
        "request.messages: maps ${messages}, which the request never uses"
    ]


def test_message_mapping_errors(tmp_path: Path) -> None:
    request = """\
  url: https://api.probe.example/chat
  messages: {item: {text: "said: ${content}", who: "${model}"}}
  body: {messages: "${messages}", system: "System: ${system}"}
"""
    assert errors(tmp_path, request) == [
        "request.messages.item.text: ${content} is a list of parts here: it can be part of text "
        "only with content: text",
        "request.messages.item.who: unknown placeholder ${model}; known: content, env.NAME, role",
        "request.body.system: ${system} can be absent (when there is no system message): it "
        "can only be the whole value of a body key or a list item, left out when absent",
    ]


def test_message_mapping_needs_version_2(tmp_path: Path) -> None:
    assert errors(tmp_path, GEMINI_LIKE.replace("${system}", "x"), version=1) == [
        "request.messages: request.messages needs version: 2"
    ]


# ---------------------------------------------------------------- leftovers

LEFTOVERS = """\
  url: https://api.probe.example/chat
  parameters:
    temperature: {type: float, default: null}
    top_k: {type: int, default: null}
    stop: {type: str, default: null}
  body:
    messages: ${messages}
    options: {temperature: "${temperature}", sampling: {top_k: "${top_k}"}}
    stop: ["${stop}"]
    tags: [fixed, "${stop}"]
    written: {}
    nothing: []
"""


def test_absent_values_leave_no_empty_mapping_or_list(tmp_path: Path, built: BuiltPackage) -> None:
    call = provider(tmp_path, built, LEFTOVERS).create_async_generator("", [])
    assert call["body"] == {"messages": [], "tags": ["fixed"], "written": {}, "nothing": []}


def test_present_values_are_sent_where_they_stand(tmp_path: Path, built: BuiltPackage) -> None:
    call = provider(tmp_path, built, LEFTOVERS).create_async_generator("", [], top_k=3, stop="END")
    assert call["body"] == {
        "messages": [],
        "options": {"sampling": {"top_k": 3}},
        "stop": ["END"],
        "tags": ["fixed", "END"],
        "written": {},
        "nothing": [],
    }


def test_version_1_keeps_its_empty_mappings(tmp_path: Path, built: BuiltPackage) -> None:
    request = """\
  url: https://api.probe.example/chat
  parameters: {temperature: {type: float, default: null}}
  body: {messages: "${messages}", options: {temperature: "${temperature}"}}
"""
    call = provider(tmp_path, built, request, version=1).create_async_generator("", [])
    assert call["body"] == {"messages": [], "options": {}}


# ---------------------------------------------------------------- bodies


def test_a_form_body(tmp_path: Path, built: BuiltPackage) -> None:
    request = """\
  url: https://api.probe.example/chat
  body_format: form
  parameters: {n: {type: int, default: 2}, fast: {type: bool, default: true}}
  body: {q: "${last_user_message}", n: "${n}", fast: "${fast}"}
"""
    probe = provider(tmp_path, built, request)
    call = probe.create_async_generator("", [{"role": "user", "content": "hi"}])
    assert call["body"] == {"q": "hi", "n": 2, "fast": True}
    source = render_provider(load(tmp_path, spec_text(request)))
    assert 'body_format="form",' in source


def test_get_with_query_placeholders_and_no_body(tmp_path: Path, built: BuiltPackage) -> None:
    request = """\
  method: GET
  url: https://api.probe.example/stream?q=${last_user_message}&model=${model}
"""
    probe = provider(tmp_path, built, request)
    call = probe.create_async_generator("m1", [{"role": "user", "content": "a b"}])
    assert call["body"] is None
    assert call["url"] == "https://api.probe.example/stream?q=a%20b&model=m1"
    with pytest.raises(TypeError):
        probe.create_async_generator("m1", [], extra=1)  # nothing to merge extra arguments into


@pytest.mark.parametrize(
    "request_text, message",
    [
        (
            "  method: GET\n  url: https://api.probe.example/x\n  body: {q: x}\n",
            "request.body: a GET request sends no body: put values in the URL",
        ),
        (
            "  url: https://api.probe.example/x\n  body_format: form\n  body: {q: {r: 1}}\n",
            "request.body.q: a form field holds text, a number or a boolean",
        ),
        (
            "  url: https://api.probe.example/x\n  extra_kwargs: merge\n",
            "request.extra_kwargs: there is no body to merge into",
        ),
    ],
)
def test_body_errors(tmp_path: Path, request_text: str, message: str) -> None:
    assert errors(tmp_path, request_text) == [message]


def test_version_1_needs_a_body(tmp_path: Path) -> None:
    assert errors(tmp_path, "  url: https://api.probe.example/x\n", version=1) == [
        "request: missing required key 'body'"
    ]


TEXT_PLACEHOLDERS = sorted(set(BUILTIN_PLACEHOLDERS) - {"messages", "system"})


@pytest.mark.parametrize("name", TEXT_PLACEHOLDERS)
def test_every_builtin_placeholder_is_sent_as_text(
    tmp_path: Path, built: BuiltPackage, name: str
) -> None:
    request = f'  url: https://api.probe.example/x\n  headers: {{X-Value: "v=${{{name}}}"}}\n'
    probe = provider(tmp_path, built, request)
    sent = probe.create_async_generator("m1", [{"role": "user", "content": "hi"}])
    value = sent["headers"]["X-Value"]
    assert value.startswith("v=") and len(value) > 2


def test_every_call_option_is_a_keyword_of_the_generated_method(
    tmp_path: Path, built: BuiltPackage
) -> None:
    probe = provider(tmp_path, built, "  url: https://api.probe.example/x\n")
    parameters = inspect.signature(probe.create_async_generator).parameters
    assert tuple(parameters)[2:] == CALL_OPTIONS
