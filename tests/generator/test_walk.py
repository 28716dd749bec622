"""The one walk per document selects what each path, evaluated alone, selects; the walk over a
document decoded into its shape finds the same.

The walk shares prefixes between paths; the reference evaluates every path on its own (RFC 9535
semantics, as the JSONPath tests check them) and applies the rules of each role: every text,
first whole-number counts, first non-empty finish reason, first error message, any stop match.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from generator._model import Index, Name, Step, Wildcard
from generator.runtime._events import Finish, ReasoningDelta, ToolCallDelta, Usage

from ..runtime.compiled import compiled_rules
from .test_jsonpath import evaluate_steps

KEYS = ["a", "b", "object", "MISSING", "_x", "class", "a-b"]
"""Names a shape must rename: a builtin and a name its class body reads, a private name, a
keyword, a name that is no identifier."""
STEPS = st.one_of(
    st.sampled_from(KEYS).map(Name),
    st.sampled_from([0, 1, -1]).map(Index),
    st.just(Wildcard()),
)
PATHS = st.lists(STEPS, max_size=4).map(tuple)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.sampled_from(["", "x", "stop"]),
    st.just([]),
    st.just({}),
)
DOCUMENTS = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=3)
    ),
    max_leaves=12,
)
ROLES = ["reasoning", "tool_calls", "input_tokens", "output_tokens", "finish_reason"]


def text_of(steps: tuple[Step, ...]) -> str:
    parts = []
    for step in steps:
        if isinstance(step, Name):
            plain = step.value.replace("_", "a").isalnum() and not step.value[0].isdigit()
            parts.append(f".{step.value}" if plain else f"['{step.value}']")
        elif isinstance(step, Index):
            parts.append(f"[{step.value}]")
        else:
            parts.append("[*]")
    return "$" + "".join(parts)


def reference(
    paths: dict[str, tuple[Step, ...]], convert: bool, stop_equals: object, document: object
) -> tuple[list[object], object, bool]:
    nodes = {role: evaluate_steps(steps, document) for role, steps in paths.items()}

    def texts(role: str) -> list[str]:
        found = []
        for value in nodes.get(role, []):
            if type(value) is str:
                if value:
                    found.append(value)
            elif convert and value is not None:
                found.append(json.dumps(value, ensure_ascii=False))
        return found

    def count(role: str) -> int | None:
        return next((v for v in nodes.get(role, []) if type(v) is int), None)

    items: list[object] = [ReasoningDelta(text) for text in texts("reasoning")]
    items += texts("delta")
    items += [ToolCallDelta(c) for c in nodes.get("tool_calls", []) if c not in (None, [], {})]
    if count("input_tokens") is not None or count("output_tokens") is not None:
        items.append(Usage(count("input_tokens"), count("output_tokens")))
    reasons = [r for r in nodes.get("finish_reason", []) if isinstance(r, str) and r]
    if reasons:
        items.append(Finish(reasons[0]))
    message = None
    for role in ("error", "error_2"):
        message = next((m for m in nodes.get(role, []) if m is not None), None)
        if message is not None:
            break
    if message is not None:
        return [], message, False  # a document that reports an error carries nothing else
    stop = any(
        type(value) is type(stop_equals) and value == stop_equals for value in nodes.get("stop", [])
    )
    return items, message, stop


@settings(max_examples=400, deadline=None)
@given(
    delta=PATHS,
    others=st.dictionaries(st.sampled_from(ROLES), PATHS),
    errors=st.lists(PATHS, max_size=2),
    stop=st.none() | PATHS,
    stop_equals=st.sampled_from([True, "stop", 1, None]),
    convert=st.booleans(),
    documents=st.lists(DOCUMENTS, min_size=1, max_size=5),
)
def test_the_walk_selects_what_each_path_selects_alone(
    delta: tuple[Step, ...],
    others: dict[str, tuple[Step, ...]],
    errors: list[tuple[Step, ...]],
    stop: tuple[Step, ...] | None,
    stop_equals: object,
    convert: bool,
    documents: list[object],
) -> None:
    response: dict[str, Any] = {"delta": text_of(delta)}
    paths = {"delta": delta, **others}
    for role, steps in others.items():
        if role in ("input_tokens", "output_tokens"):
            response.setdefault("usage", {})[role] = text_of(steps)
        else:
            response[role] = text_of(steps)
    if errors:
        response["error"] = {"message": [text_of(steps) for steps in errors]}
        paths.update(zip(("error", "error_2"), errors, strict=False))
    if stop is not None:
        response["stop"] = {"path": text_of(stop), "equals": stop_equals}
        paths["stop"] = stop
    if convert:
        response["non_string_delta"] = "convert"
    rules = compiled_rules(response)
    for document in documents:
        items: list[object] = []
        message, complete = rules.walk(document, items)
        assert (items, message, complete) == reference(paths, convert, stop_equals, document)


@settings(max_examples=400, deadline=None)
@given(
    delta=PATHS,
    others=st.dictionaries(st.sampled_from(ROLES), PATHS),
    stop=st.none() | PATHS,
    errors=st.lists(PATHS, max_size=2),
    documents=st.lists(DOCUMENTS, min_size=1, max_size=5),
)
def test_the_walk_over_a_shape_finds_what_the_walk_over_the_document_finds(
    delta: tuple[Step, ...],
    others: dict[str, tuple[Step, ...]],
    stop: tuple[Step, ...] | None,
    errors: list[tuple[Step, ...]],
    documents: list[object],
) -> None:
    response: dict[str, Any] = {"delta": text_of(delta)}
    for role, steps in others.items():
        if role in ("input_tokens", "output_tokens"):
            response.setdefault("usage", {})[role] = text_of(steps)
        else:
            response[role] = text_of(steps)
    if stop is not None:
        response["stop"] = {"path": text_of(stop)}
    if errors:
        response["error"] = {"message": [text_of(steps) for steps in errors]}
    rules = compiled_rules(response)
    if rules.shape is None:
        return  # paths that no class can hold: every document is walked whole
    decode = msgspec.json.Decoder(rules.shape).decode
    for document in documents:
        try:
            shaped = decode(json.dumps(document).encode())
        except msgspec.ValidationError:
            continue  # a document of another shape: read whole, as above
        expected: list[object] = []
        outcome = rules.walk(document, expected)
        items: list[object] = []
        assert (rules.shape_walk(shaped, items), items) == (outcome, expected)


def test_the_shape_of_openai_chunks() -> None:
    rules = compiled_rules(
        {
            "delta": "$.choices[0].delta.content",
            "finish_reason": "$.choices[0].finish_reason",
            "error": {"message": "$['error-info'].message"},
        }
    )
    shaped = msgspec.json.decode(
        b'{"id": "x", "choices": [{"delta": {"content": "Hi"}, "finish_reason": "stop"}],'
        b' "error-info": {"message": null}}',
        type=rules.shape,
    )
    items: list[object] = []
    assert rules.shape_walk(shaped, items) == (None, False)
    assert items == ["Hi", Finish("stop")]


def test_keys_no_member_name_can_hold_leave_the_document_unshaped() -> None:
    assert compiled_rules({"delta": '$["a\\"b"].c'}).shape is None
    assert compiled_rules({"delta": "$.a.b"}).shape is not None
