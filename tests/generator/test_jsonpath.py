"""JSONPath: compilation to steps, errors, and the RFC 9535 suite through the emitted walk."""

import json
import pickle
import re
import string
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator._model import CompiledPath, Index, Name, Step, Wildcard
from generator._spec._jsonpath_parser import JSONPathError, compile_path
from generator.runtime._events import ToolCallDelta
from generator.runtime._framings import Origin

from ..conftest import DATA
from ..runtime.compiled import compiled_rules

# Constructs that only non-singular queries use (checked on the raw text, so conservatively).
NON_SINGULAR_MARKERS = ("*", "..", "?", ":", ",", "(")
MAX_INDEX = 2**53 - 1
SHORTHAND = re.compile(
    "[A-Za-z_\u0080-\ud7ff\ue000-\U0010ffff][0-9A-Za-z_\u0080-\ud7ff\ue000-\U0010ffff]*"
)

Outcome = CompiledPath | JSONPathError


def evaluate_steps(steps: tuple[Step, ...], document: object) -> list[object]:
    """Apply ``steps`` to ``document`` as RFC 9535 says: the nodes selected, never an error.

    The reference the compiled lookups and loops are held to: a :class:`Name` applies only to
    a dict, an :class:`Index` only to a list (so not to a str), a :class:`Wildcard` to either
    (array elements, then member values, in order).
    """
    nodes = [document]
    for step in steps:
        selected: list[object] = []
        for node in nodes:
            if isinstance(step, Wildcard):
                if isinstance(node, list | dict):
                    selected.extend(node if isinstance(node, list) else node.values())
            elif isinstance(step, Name):
                if isinstance(node, dict) and step.value in node:
                    selected.append(node[step.value])
            elif isinstance(node, list):
                index = step.value + len(node) if step.value < 0 else step.value
                if 0 <= index < len(node):
                    selected.append(node[index])
        nodes = selected
    return nodes


# ---------------------------------------------------------------- compliance suite


@pytest.fixture(scope="module")
def cts() -> list[tuple[dict[str, Any], Outcome]]:
    """Every suite case with the outcome of compile_path on its selector."""
    path = DATA / "jsonpath-cts.json"
    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["tests"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # jsonpath-ng on some filters
        return [(case, _outcome(case["selector"])) for case in cases]


def _outcome(selector: str) -> Outcome:
    try:
        return compile_path(selector)
    except JSONPathError as error:
        return error


def _canonical(value: object) -> str:
    """JSON text that tells 1, 1.0 and true apart."""
    return json.dumps(value, sort_keys=True)


def _is_valid(case: dict[str, Any]) -> bool:
    return not case.get("invalid_selector", False)


def _looks_singular(selector: str) -> bool:
    return not any(marker in selector for marker in NON_SINGULAR_MARKERS)


def _singular(outcome: Outcome) -> CompiledPath | None:
    return outcome if isinstance(outcome, CompiledPath) and outcome.singular else None


def test_cts_valid_singular_cases_evaluate_to_the_suite_result(
    cts: list[tuple[dict[str, Any], Outcome]],
) -> None:
    checked, failures = 0, []
    for case, outcome in cts:
        compiled = _singular(outcome)
        if not _is_valid(case) or compiled is None:
            continue
        assert compiled.steps is not None
        checked += 1
        expected = case["results"] if "results" in case else [case["result"]]
        actual = evaluate_steps(compiled.steps, case["document"])
        if _canonical(actual) not in {_canonical(result) for result in expected}:
            failures.append(f"{case['name']}: {case['selector']!r} gave {actual!r}")
    print(f"valid singular cases checked: {checked}")
    assert failures == []
    assert checked == 79  # jsonpath-compliance-test-suite commit 7be7c1f


def test_cts_valid_singular_looking_cases_compile_as_singular(
    cts: list[tuple[dict[str, Any], Outcome]],
) -> None:
    failures = [
        f"{case['name']}: {case['selector']!r} -> {outcome!r}"
        for case, outcome in cts
        if _is_valid(case) and _looks_singular(case["selector"]) and _singular(outcome) is None
    ]
    assert failures == []


def test_cts_invalid_cases_are_never_singular(
    cts: list[tuple[dict[str, Any], Outcome]],
) -> None:
    failures = [
        f"{case['name']}: {case['selector']!r}"
        for case, outcome in cts
        if not _is_valid(case) and _singular(outcome) is not None
    ]
    assert failures == []


def test_cts_invalid_singular_looking_cases_are_rejected(
    cts: list[tuple[dict[str, Any], Outcome]],
) -> None:
    rejected, failures = 0, []
    for case, outcome in cts:
        if _is_valid(case) or not _looks_singular(case["selector"]):
            continue
        if isinstance(outcome, JSONPathError):
            rejected += 1
        else:
            failures.append(f"{case['name']}: {case['selector']!r} -> {outcome!r}")
    print(f"invalid singular-looking cases rejected: {rejected}")
    assert failures == []
    assert rejected == 114  # jsonpath-compliance-test-suite commit 7be7c1f


def test_cts_outcome_counts(cts: list[tuple[dict[str, Any], Outcome]]) -> None:
    counts: dict[tuple[bool, str], int] = {}
    for case, outcome in cts:
        if isinstance(outcome, JSONPathError):
            kind = "rejected"
        else:
            kind = "singular" if outcome.singular else "fallback"
        key = (_is_valid(case), kind)
        counts[key] = counts.get(key, 0) + 1
    print(f"CTS outcomes (valid?, outcome): {counts}")
    assert len(cts) == 703
    assert counts == {
        (True, "singular"): 79,
        (True, "fallback"): 235,
        (True, "rejected"): 142,  # valid RFC 9535 that jsonpath-ng cannot parse
        (False, "rejected"): 186,
        (False, "fallback"): 61,  # invalid RFC 9535 that jsonpath-ng accepts
    }


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("$[01]", 2, "leading zeros are not allowed in an index"),
        ("$[-01]", 2, "leading zeros are not allowed in an index"),
        ("$[-0]", 2, "-0 is not a valid index"),
        (" $", 0, "whitespace is not allowed before '$'"),
        ("$ ", 1, "whitespace is not allowed after the query"),
        ("$.a\n", 3, "whitespace is not allowed after the query"),
        ("", 0, "a query must start with '$'"),
        ("a.b", 0, "a query must start with '$'"),
        ("$.1", 2, "a member name must not start with a digit"),
        ("$. a", 2, "whitespace is not allowed after '.'"),
        ("$.a.", 4, "'.' must be followed by a member name"),
        ("$.-", 2, "'.' must be followed by a member name"),
        ("$a", 1, "expected '.' or '['"),
        ("$.a-b", 3, "expected '.' or '['"),
        ("$['a", 2, "unterminated string"),
        ("$.x['a\\", 4, "unterminated string"),
        ("$[0", 3, "expected ']' but the query ended"),
        ("$[0 1]", 4, "expected ']' but found '1'"),
        ("$['a':]", 5, "expected ']' but found ':'"),
        ("$[]", 2, "expected a selector but found ']'"),
        ("$[", 2, "expected a selector but the query ended"),
        ("$[-]", 3, "'-' must be followed by a digit"),
        ("$[9007199254740992]", 2, "index out of range (I-JSON)"),
        ("$[-9007199254740992]", 2, "index out of range (I-JSON)"),
        ("$[" + "9" * 5000 + "]", 2, "index out of range (I-JSON)"),
        ("$['\\a']", 3, "invalid escape"),
        ("$['\\\"']", 3, "invalid escape"),
        ('$["\\\'"]', 3, "invalid escape"),
        ("$['\\u12G4']", 7, "'\\u' must be followed by four hex digits"),
        ("$['\\uD800']", 9, "a high surrogate escape must be followed by a low surrogate"),
        ("$['\\uD83D\\u0041']", 9, "a high surrogate escape must be followed by a low surrogate"),
        ("$['x\\uDE00']", 4, "a low surrogate escape must follow a high surrogate"),
        ("$['a\tb']", 4, "control character U+0009 must be escaped"),
        ("$['\ud800']", 3, "lone surrogate U+D800"),
    ],
)
def test_error_position(text: str, position: int, message: str) -> None:
    with pytest.raises(JSONPathError) as caught:
        compile_path(text)
    assert (caught.value.position, caught.value.message[: len(message)]) == (position, message)


def test_jsonpath_error_is_a_value_error_with_position() -> None:
    error = JSONPathError("bad", 3)
    assert isinstance(error, ValueError)
    assert str(error) == "bad (at position 3)"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.position) == ("bad", 3)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("$[*", 3),  # "near the end of string"
        ("$..", 3),
        ("$[1:2:x]", 6),  # "at line:column"
        ("$[*]\n\n.a\n[?@.b ~ 1]", 15),  # line and column on the fourth line
        ("$[?@.a\r||@.b]", 6),  # "line L, col C" from the lexer
        ("$[?@.a =~ @.b]", 0),  # no position in the message
    ],
)
def test_fallback_rejected_by_jsonpath_ng(text: str, position: int) -> None:
    with pytest.raises(JSONPathError, match="jsonpath-ng cannot parse it") as caught:
        compile_path(text)
    assert caught.value.position == position


# ---------------------------------------------------------------- valid paths


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("$", ()),
        ("$.choices[0].delta.content", (Name("choices"), Index(0), Name("delta"), Name("content"))),
        ("$[-1]", (Index(-1),)),
        ("$[9007199254740991]", (Index(MAX_INDEX),)),
        ("$[-9007199254740991]", (Index(-MAX_INDEX),)),
        ("$ [ 0 ]\t.a\n['b']", (Index(0), Name("a"), Name("b"))),
        (
            "$._a1.\u00e9t\u00e9.\U0001f600",
            (Name("_a1"), Name("\u00e9t\u00e9"), Name("\U0001f600")),
        ),
        ("$.true.null", (Name("true"), Name("null"))),
        ("$['a b']", (Name("a b"),)),
        ('$["it\'s"]', (Name("it's"),)),
        ("$['it\\'s']", (Name("it's"),)),
        ('$["say \\"hi\\""]', (Name('say "hi"'),)),
        ("$['say \"hi\"']", (Name('say "hi"'),)),
        ("$['']", (Name(""),)),
        ("$['$']", (Name("$"),)),
        ("$['.*[]?,:()@']", (Name(".*[]?,:()@"),)),
        ("$['\\b\\f\\n\\r\\t\\/\\\\']", (Name("\b\f\n\r\t/\\"),)),
        ("$['\\u263a\\u263A']", (Name("\u263a\u263a"),)),
        ("$['\\uD83D\\uDE00']", (Name("\U0001f600"),)),
        ("$['\u263a \U0001f600 \x7f']", (Name("\u263a \U0001f600 \x7f"),)),
        ("$['0']", (Name("0"),)),
    ],
)
def test_singular_paths(text: str, steps: tuple[Step, ...]) -> None:
    compiled = compile_path(text)
    assert compiled == CompiledPath(text, steps)
    assert compiled.singular


@pytest.mark.parametrize(
    "text",
    ["$..a", "$.*", "$[*]", "$[0:2]", "$[0 : 2]", "$[:1]", "$[0,1]", "$['a','b']", "$[?(@.a)]"],
)
def test_non_singular_paths_fall_back(text: str) -> None:
    compiled = compile_path(text)
    assert compiled == CompiledPath(text, None)
    assert not compiled.singular


# ---------------------------------------------------------------- evaluate_steps


@pytest.mark.parametrize(
    ("steps", "document", "expected"),
    [
        ((), {"a": 1}, [{"a": 1}]),
        ((Name("a"), Index(1)), {"a": [1, 2]}, [2]),
        ((Index(-1),), [1, 2, 3], [3]),
        ((Index(-3),), [1, 2, 3], [1]),
        ((Index(-4),), [1, 2, 3], []),
        ((Index(3),), [1, 2, 3], []),
        ((Name("a"),), {"b": 1}, []),
        ((Name("a"),), {"a": None}, [None]),
        ((Name("0"),), [1], []),
        ((Index(0),), {"0": 1, 0: 2}, []),
        ((Index(0),), "abc", []),
        ((Index(0),), True, []),
        ((Name("a"),), ["a"], []),
        ((Name("a"), Name("b")), {"a": 1}, []),
    ],
)
def test_evaluate_steps(steps: tuple[Step, ...], document: object, expected: list[object]) -> None:
    assert evaluate_steps(steps, document) == expected


# ---------------------------------------------------------------- properties

BLANKS = st.text(alphabet=" \t\n\r", max_size=2)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
NAME_FIRST = st.sampled_from(string.ascii_letters + "_") | st.characters(
    min_codepoint=0x80, exclude_categories=["Cs"]
)
SHORTHAND_NAMES = st.builds(
    str.__add__,
    NAME_FIRST,
    st.text(alphabet=NAME_FIRST | st.sampled_from(string.digits), max_size=5),
)
SHORT_ESCAPES = {"\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "/": "/", "\\": "\\"}


def _steps(max_index: int) -> st.SearchStrategy[list[Step]]:
    names = st.builds(Name, st.text(max_size=6) | SHORTHAND_NAMES)
    indices = st.builds(Index, st.integers(-max_index, max_index))
    return st.lists(names | indices, max_size=6)


def _unicode_escape(char: str, data: st.DataObject) -> str:
    code = ord(char)
    units = [code] if code < 0x10000 else [0xD7C0 + (code >> 10), 0xDC00 + (code & 0x3FF)]
    return "".join(
        data.draw(st.sampled_from([f"\\u{unit:04x}", f"\\u{unit:04X}"])) for unit in units
    )


def _render_char(char: str, quote: str, data: st.DataObject) -> str:
    """One character of a string literal, drawn from its valid spellings."""
    forms = [_unicode_escape(char, data)]
    if char in SHORT_ESCAPES:
        forms.append("\\" + SHORT_ESCAPES[char])
    if char == quote:
        forms.append("\\" + quote)
    elif ord(char) >= 0x20 and char != "\\":
        forms.append(char)
    return data.draw(st.sampled_from(forms))


def _render_step(step: Step, data: st.DataObject) -> str:
    if isinstance(step, Name) and SHORTHAND.fullmatch(step.value) and data.draw(st.booleans()):
        return "." + step.value
    if isinstance(step, Name):
        quote = data.draw(st.sampled_from("'\""))
        selector = quote + "".join(_render_char(c, quote, data) for c in step.value) + quote
    else:
        selector = str(step.value)
    return "[" + data.draw(BLANKS) + selector + data.draw(BLANKS) + "]"


def _render(steps: list[Step], data: st.DataObject) -> str:
    return "$" + "".join(data.draw(BLANKS) + _render_step(step, data) for step in steps)


def _plant(steps: list[Step], value: object, data: st.DataObject) -> object:
    """A random document that holds ``value`` at ``steps``."""
    for step in reversed(steps):
        if isinstance(step, Name):
            container: dict[str, object] = data.draw(
                st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3)
            )
            container[step.value] = value
            value = container
        else:
            size = max(step.value + 1, -step.value)
            items: list[object] = data.draw(st.lists(JSON_VALUES, min_size=size, max_size=size + 2))
            items[step.value] = value
            value = items
    return value


@given(steps=_steps(MAX_INDEX), data=st.data())
def test_rendered_steps_compile_back(steps: list[Step], data: st.DataObject) -> None:
    text = _render(steps, data)
    assert compile_path(text).steps == tuple(steps), text


@given(steps=_steps(4), value=JSON_VALUES, document=JSON_VALUES, data=st.data())
def test_compiled_steps_find_planted_values(
    steps: list[Step], value: object, document: object, data: st.DataObject
) -> None:
    compiled = compile_path(_render(steps, data)).steps
    assert compiled is not None
    assert len(evaluate_steps(compiled, document)) <= 1
    assert evaluate_steps(compiled, _plant(steps, value, data)) == [value]


# ---------------------------------------------------------------- compiled lookups


def _emitted_selection(text: str) -> Any:
    """What the walk the generator emits for ``text`` selects of a document: the path read as
    tool-call deltas, which are every selected value but null and an empty list or object."""
    rules = compiled_rules({"delta": "$['no such member']", "tool_calls": text})

    def select(document: object) -> list[object]:
        items: list[object] = []
        rules.read(document, items, Origin("Probe", "POST /"))
        return [item.delta for item in items if isinstance(item, ToolCallDelta)]

    return select


def _carried(nodes: list[object]) -> list[object]:
    """The nodes a tool-call delta carries: null and an empty list or object carry none."""
    return [node for node in nodes if node is not None and node != [] and node != {}]


def test_cts_cases_through_the_lookups_the_generator_emits(
    cts: list[tuple[dict[str, Any], Outcome]],
) -> None:
    """The emitted walk of each valid singular case selects the suite's result."""
    checked = 0
    for case, outcome in cts:
        path = _singular(outcome)
        if path is None or not _is_valid(case):
            continue
        got = _emitted_selection(path.text)(case["document"])
        expected = case.get("results", [case.get("result")])
        assert _canonical(got) in {_canonical(_carried(r)) for r in expected}, case["name"]
        checked += 1
    assert checked == 79


# ---------------------------------------------------------------- wildcards and nodelists


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("$[*]", (Wildcard(),)),
        ("$.*", (Wildcard(),)),
        ("$.a[*].b", (Name("a"), Wildcard(), Name("b"))),
        ("$[ * ]['x'].*[0]", (Wildcard(), Name("x"), Wildcard(), Index(0))),
    ],
)
def test_wildcards_compile_with_loops(text: str, steps: tuple[Step, ...]) -> None:
    compiled = compile_path(text, loops=True)
    assert compiled == CompiledPath(text, steps)
    assert not compiled.singular
    assert compile_path(text).steps is None  # the first format leaves them to jsonpath-ng


def test_evaluate_wildcards_in_document_order() -> None:
    document = {"a": [{"b": 1}, {"c": 2}, {"b": 3}], "z": {"y": {"b": 4}, "x": {"b": 5}}}
    assert evaluate_steps((Name("a"), Wildcard(), Name("b")), document) == [1, 3]
    assert evaluate_steps((Name("z"), Wildcard(), Name("b")), document) == [4, 5]
    assert evaluate_steps((Wildcard(), Wildcard()), [[1, 2], "ab", {"k": 3}]) == [1, 2, 3]


def test_cts_cases_through_the_loops_the_generator_emits() -> None:
    """Every valid case that compiles with loops gives the suite's nodelist, in order."""
    cases = json.loads((DATA / "jsonpath-cts.json").read_text(encoding="utf-8"))["tests"]
    checked = with_wildcards = 0
    for case in cases:
        if not _is_valid(case):
            continue
        try:
            path = compile_path(case["selector"], loops=True)
        except JSONPathError:
            continue
        if path.steps is None:
            continue
        got = _emitted_selection(path.text)(case["document"])
        expected = case.get("results", [case.get("result")])
        assert _canonical(got) in {_canonical(_carried(r)) for r in expected}, case["name"]
        assert got == _carried(evaluate_steps(path.steps, case["document"])), case["name"]
        checked += 1
        with_wildcards += not path.singular
    assert (checked, with_wildcards) == (83, 4)


def _wildcard_steps() -> st.SearchStrategy[list[Step]]:
    names = st.builds(Name, st.text(max_size=3) | SHORTHAND_NAMES)
    indices = st.builds(Index, st.integers(-3, 3))
    return st.lists(names | indices | st.just(Wildcard()), max_size=5)


def _render_any_step(step: Step, data: st.DataObject) -> str:
    if isinstance(step, Wildcard):
        return data.draw(st.sampled_from([".*", "[*]", "[ * ]"]))
    return _render_step(step, data)


@settings(max_examples=300, deadline=None)
@given(steps=_wildcard_steps(), document=JSON_VALUES, data=st.data())
def test_emitted_loops_select_what_the_rfc_selects(
    steps: list[Step], document: object, data: st.DataObject
) -> None:
    text = "$" + "".join(_render_any_step(step, data) for step in steps)
    path = compile_path(text, loops=True)
    assert path.steps == tuple(steps), text
    assert _emitted_selection(text)(document) == _carried(evaluate_steps(path.steps, document))
