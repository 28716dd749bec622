"""Spec file -> :class:`ProviderSpec`, collecting every problem with its line and column.

Structure is checked by the JSON Schema in ``_schema``; meaning (identifiers, placeholders,
JSONPath, URLs, framing-specific keys) is checked here, the request's in ``_request_section``
and the response's in ``_response_section``.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import jsonschema

from .._diagnostics import Diagnostic, KeyPath, SpecError
from .._model import (
    MAYBE_ABSENT,
    AuthSpec,
    AwsSigV4Spec,
    FramingSpec,
    JsonText,
    MessagesBefore,
    Parameter,
    Part,
    Pick,
    ProviderSpec,
    RandomText,
    Request,
    RetrySettings,
    StepSpec,
    Table,
    TemplateString,
    TimeoutSettings,
    Value,
    WebSocketSpec,
    placeholders_in,
)
from ._auth_section import read_auth
from ._checker import Checker
from ._formats import format_of
from ._names import check_identifier, check_module_name
from ._request_section import Section, check_parameters_used, parse_request, read_parameters
from ._response_section import read_response
from ._schema import SPEC_SCHEMA
from ._schema_parts import JSONPATH
from ._steps_section import read_steps, take_names
from ._values_section import read_values
from ._yaml import load_yaml, yaml_value

__all__ = ["MAX_SPEC_BYTES", "load_spec"]

MAX_SPEC_BYTES = 1 << 20
"""A spec is a page or two of YAML; a file larger than this is not one (1 MiB)."""


def _is_integer(checker: object, instance: object) -> bool:
    # JSON Schema counts 2.0 an integer; the code generated from it would not be typed int.
    return type(instance) is int


# The stubs leave extend() untyped.
_VALIDATOR = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)(SPEC_SCHEMA)


def load_spec(path: Path, display: str | None = None) -> ProviderSpec:
    """Read and check one spec file; raise SpecError listing every problem found."""
    name = display or str(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SPEC_BYTES + 1)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError([Diagnostic(name, 1, 1, "", f"cannot read the file: {error}")]) from None
    if len(raw) > MAX_SPEC_BYTES:
        message = f"the file is larger than a spec can be ({MAX_SPEC_BYTES} bytes at most)"
        raise SpecError([Diagnostic(name, 1, 1, "", message)])
    data, positions = load_yaml(text, name)
    checker = Checker(positions, format_of(data))
    broken = _check_schema(data, checker)
    if checker.problems:
        _check_sections(data, broken, checker)
        raise SpecError(sorted(checker.problems))
    spec = _build_spec(data, name, checker)
    if checker.problems:
        raise SpecError(sorted(checker.problems))
    return spec


def _check_schema(data: Any, checker: Checker) -> set[str | int]:
    """Report structural errors; return the top-level sections that have any."""
    broken: set[str | int] = set()
    for error in _VALIDATOR.iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # An unknown key leaves the rest of its section sound enough to check.
            _unknown_keys(error, path, checker)
            continue
        broken.update(path[:1])
        if error.validator == "required":
            missing = re.findall(r"'([^']*)' is a required property", error.message)
            checker.error(path, f"missing required key {missing[0]!r}", at_key=True)
        else:
            checker.error(path, _schema_message(error) if path else _not_a_spec(data))
    return broken


def _unknown_keys(error: jsonschema.ValidationError, path: KeyPath, checker: Checker) -> None:
    known = sorted(cast(dict[str, Any], error.schema).get("properties", {}))
    for key in sorted(set(cast(dict[str, Any], error.instance)) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
        checker.error((*path, key), f"unknown key {key!r}{hint}", at_key=True)


def _not_a_spec(data: Any) -> str:
    """What a file that is no mapping holds, without quoting it: it may be anything at all."""
    kind = "a list" if isinstance(data, list) else "text" if isinstance(data, str) else "a value"
    return f"the file holds {kind}, not a mapping of keys: a spec starts with `version:`"


_TYPE_NAMES = {
    "string": "text",
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def _jsonpath_start_message(text: str) -> str:
    """What to say of a JSONPath that does not start with ``$``, with a fix where one is plain."""
    got = f"got {yaml_value(text)}"
    if text.lstrip().startswith("$"):
        return f"a JSONPath starts with '$', with no space before it; {got}"
    if text[:1].isalpha() or text[:1] in "_.[":
        example = "$" + text if text.startswith((".", "[")) else "$." + text
        return f"a JSONPath starts with '$' (as in {example!r}); {got}"
    return f"a JSONPath starts with '$'; {got}"


_BOUNDS = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than"}


def _schema_message(error: jsonschema.ValidationError) -> str:
    schema = cast(dict[str, Any], error.schema)
    value = error.instance
    if error.validator == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        expected = " or ".join(_TYPE_NAMES[name] for name in types)
        kind = (
            "the list "
            if isinstance(value, list)
            else "the mapping "
            if isinstance(value, dict)
            else ""
        )
        message = f"expected {expected}, got {kind}{yaml_value(value)}"
        if "string" in types and isinstance(value, list | dict):
            # [DONE] or {x} unquoted is a list or a mapping to YAML.
            shown = yaml_value(value)
            # A value too long to quote whole gets the advice alone, not a cut copy to paste.
            quoted = "" if shown.endswith("…") else f": {json.dumps(shown)}"
            message += f"; to write it as text, quote it{quoted}"
        return message
    if error.validator == "enum":
        choices = ", ".join(c if isinstance(c, str) else yaml_value(c) for c in schema["enum"])
        return f"{yaml_value(value)} is not one of: {choices}"
    if error.validator == "const":
        return f"must be {yaml_value(schema['const'])}, got {yaml_value(value)}"
    if error.validator == "pattern" and schema["pattern"] == JSONPATH["pattern"]:
        return _jsonpath_start_message(str(value))
    if error.validator == "pattern":
        return f"{yaml_value(value)} is not valid here: {schema.get('description', error.message)}"
    if error.validator in _BOUNDS:
        return f"{yaml_value(value)}: must be {_BOUNDS[error.validator]} {schema[error.validator]}"
    return error.message


def _check_sections(data: Any, broken: set[str | int], checker: Checker) -> None:
    """Check the meaning of each section whose structure is sound, for all errors at once."""
    if not isinstance(data, dict):
        return
    if "provider" not in broken and isinstance(data.get("provider"), dict):
        _check_provider(data["provider"], checker)
    if "response" not in broken and isinstance(data.get("response"), dict):
        read_response(data["response"], checker)
    if not {"request", "values", "steps"} & broken and isinstance(data.get("request"), dict):
        _read_exchanges(data, checker)


def _check_provider(provider: dict[str, Any], checker: Checker) -> None:
    check_identifier(checker, ("provider", "class"), provider["class"], "class name")
    check_module_name(checker, ("provider", "module"), provider["module"])
    checker.url(("provider", "url"), provider["url"])


def _read_exchanges(
    data: dict[str, Any], checker: Checker
) -> tuple[Request, tuple[Value, ...], tuple[StepSpec, ...], AuthSpec | None]:
    """The streamed request, the values, the steps and what signs the request, each checked
    against the others: what a template uses must be declared before it, and every parameter
    used somewhere."""
    request_data = data["request"]
    parameters = read_parameters(request_data.get("parameters", {}), checker)
    auth = read_auth(data, parameters, checker)
    builtins = frozenset(checker.format.placeholders) | {p.name for p in parameters}
    absent = MAYBE_ABSENT | {p.name for p in parameters if p.optional}
    steps_data = data.get("steps", {})
    if steps_data:
        checker.allows(("steps",), "steps")
    values_data = data.get("values", {})
    if values_data:
        checker.allows(("values",), "values")
    taken = frozenset(value for _, value in take_names(steps_data))
    values = read_values(values_data, builtins | taken, checker)
    _check_absent_in_values(values, absent, checker)
    absent |= {value.name for value in values if value.may_be_absent}
    value_names = frozenset(value.name for value in values)
    hosts = frozenset(value.name for value in values if _fits_a_host(value))
    section = Section(("steps",), builtins | value_names, absent, hosts)
    steps = read_steps(steps_data, section, checker)
    known = builtins | value_names | taken
    request = parse_request(
        request_data, parameters, replace(section, at=("request",), known=known), checker
    )
    _check_names_unique(parameters, values, steps, checker)
    values = _ordered(values, steps, checker)
    used = request.placeholders()
    if isinstance(auth, AwsSigV4Spec):
        used |= placeholders_in(auth.region)
    for step in steps:
        used |= step.request.placeholders()
    for value in values:
        used |= value.placeholders()
    check_parameters_used(parameters, used, checker)
    _check_values_used(values, steps, used, checker)
    _check_messages_mapped(request, values, checker)
    steps = tuple(
        replace(step, moves_with_base_url=_origin(step.request) == _origin(request))
        for step in steps
    )
    return request, values, steps, auth


def _build_spec(data: dict[str, Any], source: str, checker: Checker) -> ProviderSpec:
    provider = data["provider"]
    _check_provider(provider, checker)
    request, values, steps, auth = _read_exchanges(data, checker)
    framing = read_response(data["response"], checker)
    _check_transport(request, framing, steps, checker)
    models = tuple(provider.get("models", ()))
    if (
        checker.format.requires_model_placeholder
        and len(models) > 1
        and "model" not in request.placeholders().union(*(value.placeholders() for value in values))
    ):
        checker.error(
            ("provider", "models"),
            "lists several models, but the request never uses ${model}: the caller's choice "
            "of model would be ignored",
        )
    return ProviderSpec(
        source=source,
        class_name=provider["class"],
        module=provider["module"],
        description=provider.get("description", ""),
        url=provider["url"],
        working=provider["working"],
        supports_stream=provider.get("supports_stream", True),
        supports_gpt_35_turbo=provider.get("supports_gpt_35_turbo", False),
        supports_gpt_4=provider.get("supports_gpt_4", False),
        supports_message_history=provider.get("supports_message_history", True),
        default_model=provider.get("default_model"),
        models=models,
        request=request,
        framing=framing,
        values=values,
        steps=steps,
        max_response_bytes=data["response"].get("max_response_bytes"),
        timeouts=TimeoutSettings(**data.get("timeouts", {})),
        retries=RetrySettings(**data.get("retries", {})),
        auth=auth,
        positions=checker.positions,
    )


_HOST_TEXT = re.compile(r"[A-Za-z0-9.-]+")
"""What a value in a host may hold: a DNS name's characters."""


def _fits_a_host(value: Value) -> bool:
    """Whether ``value`` is computed from the spec's own text alone, in a host's characters."""
    function = value.function
    if isinstance(function, Pick):
        return all(_HOST_TEXT.fullmatch(choice) for choice in function.choices)
    if isinstance(function, RandomText):
        return _HOST_TEXT.fullmatch(function.alphabet) is not None
    if isinstance(function, Table):
        entries = [entry for _, entry in function.entries]
        if function.has_default:
            entries.append(function.default)
        return all(isinstance(entry, str) and _HOST_TEXT.fullmatch(entry) for entry in entries)
    return False


def _check_values_used(
    values: tuple[Value, ...], steps: tuple[StepSpec, ...], used: set[str], checker: Checker
) -> None:
    """Report each value, and each value a step takes, that nothing uses."""
    for value in values:
        if value.name not in used:
            checker.error(
                ("values", value.name),
                f"computed but never used: put ${{{value.name}}} in a request or a value",
                at_key=True,
            )
    for step in steps:
        for take in step.takes:
            if take.name not in used:
                checker.error(
                    ("steps", step.name, "take", take.name),
                    f"taken but never used: put ${{{take.name}}} in a request or a value (a "
                    "step may take nothing: its answer's cookies go along all the same)",
                    at_key=True,
                )


def _check_absent_in_values(
    values: tuple[Value, ...], absent: frozenset[str], checker: Checker
) -> None:
    """A value computed from text has a text to compute from: nothing that may be absent."""
    for value in values:
        if isinstance(value.function, JsonText):
            continue  # a body template: an absent member is left out of the document
        for name in sorted(value.placeholders() & absent):
            why = "when there is no system message" if name == "system" else "its default is null"
            checker.error(
                ("values", value.name),
                f"${{{name}}} can be absent ({why}): a value computed from text cannot use it",
                at_key=True,
            )


def _check_messages_mapped(request: Request, values: tuple[Value, ...], checker: Checker) -> None:
    """``request.messages`` maps the list that ``${messages}`` (or a slice of it) sends."""
    if request.messages is None:
        return
    mapped = "messages" in request.placeholders().union(*(value.placeholders() for value in values))
    if not mapped and not any(isinstance(value.function, MessagesBefore) for value in values):
        checker.error(
            ("request", "messages"), "maps ${messages}, which the request never uses", at_key=True
        )


def _check_names_unique(
    parameters: tuple[Parameter, ...],
    values: tuple[Value, ...],
    steps: tuple[StepSpec, ...],
    checker: Checker,
) -> None:
    """A parameter, a value and a step's value each have a name of their own."""
    owners: dict[str, str] = {parameter.name: "a parameter" for parameter in parameters}
    for value in values:
        if value.name in owners:
            checker.error(
                ("values", value.name),
                f"{value.name!r} is already {owners[value.name]}",
                at_key=True,
            )
        owners.setdefault(value.name, "a value")
    for step in steps:
        for take in step.takes:
            if take.name in owners:
                at = ("steps", step.name, "take", take.name)
                checker.error(at, f"{take.name!r} is already {owners[take.name]}", at_key=True)
            owners.setdefault(take.name, f"a value of step {step.name}")


def _ordered(
    values: tuple[Value, ...], steps: tuple[StepSpec, ...], checker: Checker
) -> tuple[Value, ...]:
    """Each value with the last step it waits for; a step that uses a value waiting for that
    step, or a later one, is an error."""
    step_of = {take.name: index for index, step in enumerate(steps) for take in step.takes}
    needs: dict[str, int] = {}  # a value's name: the index of the last step it waits for
    for value in values:
        used = value.placeholders()
        needs[value.name] = max(
            [step_of[name] for name in used if name in step_of]
            + [needs[name] for name in used if name in needs],
            default=-1,
        )
    for index, step in enumerate(steps):
        for name in sorted(step.request.placeholders()):
            if needs.get(name, -1) >= index:
                waited = steps[needs[name]].name
                checker.error(
                    ("steps", step.name),
                    f"uses ${{{name}}}, which needs a value of step {waited}: a step comes after "
                    "what it uses",
                    at_key=True,
                )
    return tuple(replace(value, after_step=needs[value.name]) for value in values)


def _origin(request: Request) -> TemplateString:
    """The parts of a URL's template up to its path: its scheme, host and port."""
    parts: list[Part] = []
    for index, part in enumerate(request.url_path):
        if isinstance(part, str):
            scheme, mark, rest = part.partition("://") if index == 0 else ("", "", part)
            if "/" in rest:
                parts.append(scheme + mark + rest.partition("/")[0])
                break
        parts.append(part)
    return tuple(parts)


def _check_transport(
    request: Request, framing: FramingSpec, steps: tuple[StepSpec, ...], checker: Checker
) -> None:
    """A WebSocket URL goes with framing websocket (and what it sends), every other with HTTP."""
    websocket = request.url.startswith(("ws://", "wss://"))
    if websocket != isinstance(framing, WebSocketSpec):
        message = (
            "framing websocket needs a ws:// or wss:// URL"
            if not websocket
            else ("a ws:// or wss:// URL needs framing: websocket")
        )
        checker.error(("request", "url"), message)
    if request.send and not websocket:
        checker.error(("request", "send"), "only a WebSocket request sends messages", at_key=True)
    if websocket and request.body is not None:
        checker.error(
            ("request", "body"), "a WebSocket request has no body: it sends (send:)", at_key=True
        )
    for step in steps:
        if not step.request.url.startswith(("http://", "https://")):
            checker.error(
                ("steps", step.name, "url"), "a step is an HTTP request: http:// or https://"
            )
