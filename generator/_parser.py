"""Spec file -> :class:`ProviderSpec`, collecting every problem with its line and column.

Structure is checked by the JSON Schema in ``_schema``; meaning (identifiers, placeholders,
JSONPath, URLs, framing-specific keys) is checked here.
"""

from __future__ import annotations

import difflib
import json
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jsonschema

from ._checker import Checker
from ._diagnostics import Diagnostic, KeyPath, SpecError
from ._emit import RESERVED_NAMES
from ._framings import FRAMINGS, FramingSpec, misplaced_keys
from ._model import BodyTemplate, Parameter, ProviderSpec, RetrySettings, TimeoutSettings
from ._placeholders import BUILTIN_PLACEHOLDERS, Placeholder, TemplateString
from ._schema import SPEC_SCHEMA
from ._schema_parts import JSONPATH
from ._yaml import load_yaml, yaml_value

__all__ = ["load_spec"]

_RESERVED = RESERVED_NAMES | set(BUILTIN_PLACEHOLDERS)
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _is_integer(checker: object, instance: object) -> bool:
    # JSON Schema counts 2.0 an integer; the code generated from it would not be typed int.
    return type(instance) is int


# The stubs leave extend() untyped.
_VALIDATOR = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)(SPEC_SCHEMA)


def _identifier(checker: Checker, path: KeyPath, name: str, what: str) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        checker.error(path, f"{what} {name!r} is not a valid Python identifier")
    elif name.startswith("_"):
        checker.error(path, f"{what} {name!r} must not start with an underscore")
    elif name in _RESERVED:
        checker.error(
            path,
            f"{what} {name!r} is reserved: it would shadow a name of the "
            "generated code or a Python builtin",
        )


def load_spec(path: Path, display: str | None = None) -> ProviderSpec:
    """Read and check one spec file; raise SpecError listing every problem found."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError([Diagnostic(name, 1, 1, "", f"cannot read the file: {error}")]) from None
    data, positions = load_yaml(text, name)
    checker = Checker(positions)
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
            checker.error(path, _schema_message(error), at_key=False)
    return broken


def _unknown_keys(error: jsonschema.ValidationError, path: KeyPath, checker: Checker) -> None:
    known = sorted(cast(dict[str, Any], error.schema).get("properties", {}))
    for key in sorted(set(cast(dict[str, Any], error.instance)) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
        checker.error((*path, key), f"unknown key {key!r}{hint}", at_key=True)


_TYPE_NAMES = {
    "string": "text",
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


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
            message += f"; to write it as text, quote it: {json.dumps(yaml_value(value))}"
        return message
    if error.validator == "enum":
        choices = ", ".join(c if isinstance(c, str) else yaml_value(c) for c in schema["enum"])
        return f"{yaml_value(value)} is not one of: {choices}"
    if error.validator == "const":
        return f"must be {yaml_value(schema['const'])}, got {yaml_value(value)}"
    if error.validator == "pattern" and schema["pattern"] == JSONPATH["pattern"]:
        text = str(value)
        example = "$" + text if text.startswith((".", "[")) else "$." + text
        return f"a JSONPath starts with '$' (as in {example!r}), got {yaml_value(value)}"
    if error.validator == "pattern":
        return f"{yaml_value(value)} is not valid here: {schema.get('description', error.message)}"
    return error.message


@dataclass(frozen=True)
class _Request:
    parameters: tuple[Parameter, ...]
    headers: tuple[tuple[str, TemplateString], ...]
    body: dict[str, BodyTemplate]


def _check_sections(data: Any, broken: set[str | int], checker: Checker) -> None:
    """Check the meaning of each section whose structure is sound, for all errors at once."""
    if not isinstance(data, dict):
        return
    checks = {"provider": _check_provider, "request": _request, "response": _response}
    for section, check in checks.items():
        if section not in broken and isinstance(data.get(section), dict):
            check(data[section], checker)


def _check_provider(provider: dict[str, Any], checker: Checker) -> None:
    _identifier(checker, ("provider", "class"), provider["class"], "class name")
    _identifier(checker, ("provider", "module"), provider["module"], "module name")
    checker.url(("provider", "url"), provider["url"])


def _build_spec(data: dict[str, Any], source: str, checker: Checker) -> ProviderSpec:
    provider, request = data["provider"], data["request"]
    _check_provider(provider, checker)
    checked = _request(request, checker)
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
        models=tuple(provider.get("models", ())),
        method=request.get("method", "POST"),
        endpoint_url=request["url"],
        headers=checked.headers,
        parameters=checked.parameters,
        extra_kwargs=request.get("extra_kwargs", "merge"),
        body=checked.body,
        framing=_response(data["response"], checker),
        timeouts=TimeoutSettings(**data.get("timeouts", {})),
        retries=RetrySettings(**data.get("retries", {})),
        positions=checker.positions,
    )


def _request(request: dict[str, Any], checker: Checker) -> _Request:
    checker.url(("request", "url"), request["url"])
    parameters = _parameters(request.get("parameters", {}), checker)
    names = frozenset(p.name for p in parameters)
    optional = frozenset(p.name for p in parameters if p.optional)
    headers = _headers(request.get("headers", {}), names, checker)
    body = cast(
        dict[str, BodyTemplate], _body(request["body"], ("request", "body"), names, checker)
    )
    _check_parameters_used(parameters, headers, body, checker)
    _check_optional_placement(("request", "body"), body, optional, False, checker)
    for name, template in headers:
        _check_optional_placement(("request", "headers", name), template, optional, False, checker)
    return _Request(parameters, headers, body)


def _parameters(declared: dict[str, Any], checker: Checker) -> tuple[Parameter, ...]:
    parameters = []
    for name, entry in declared.items():
        path = ("request", "parameters", name)
        _identifier(checker, path, name, "parameter name")
        required = entry.get("required", False)
        if required and "default" in entry:
            checker.error(path, "a required parameter cannot have a default")
        elif not required and "default" not in entry:
            checker.error(path, "give a default (null to leave it out) or set required: true")
        default = entry.get("default")
        if default is not None and not _fits(default, entry["type"]):
            article = "an" if entry["type"] == "int" else "a"
            message = f"default {yaml_value(default)} is not {article} {entry['type']}"
            checker.error((*path, "default"), message)
        parameters.append(
            Parameter(name, entry["type"], default, required, entry.get("description", ""))
        )
    return tuple(parameters)


def _fits(value: object, type_name: str) -> bool:
    if type_name == "float":
        return type(value) in (int, float)
    return type(value).__name__ == type_name


def _headers(
    declared: dict[str, str], names: frozenset[str], checker: Checker
) -> tuple[tuple[str, TemplateString], ...]:
    headers = []
    seen: set[str] = set()
    for name, value in declared.items():
        path = ("request", "headers", name)
        if not _HEADER_NAME.fullmatch(name):
            checker.error(path, f"{name!r} is not a valid HTTP header name", at_key=True)
        if name.lower() in seen:
            checker.error(
                path, "this header is already set (header names ignore case)", at_key=True
            )
        seen.add(name.lower())
        template = checker.template(path, value, names)
        if any(isinstance(p, str) and ("\r" in p or "\n" in p or "\0" in p) for p in template):
            checker.error(path, "a header value cannot contain a line break or NUL")
        headers.append((name, template))
    return tuple(headers)


def _body(value: Any, path: KeyPath, names: frozenset[str], checker: Checker) -> BodyTemplate:
    if isinstance(value, dict):
        return {k: _body(v, (*path, k), names, checker) for k, v in value.items()}
    if isinstance(value, list):
        return [_body(v, (*path, i), names, checker) for i, v in enumerate(value)]
    if isinstance(value, str):
        return checker.template(path, value, names)
    if value is not None and not isinstance(value, int | float):
        checker.error(path, f"a {type(value).__name__} cannot be written as JSON")
    return cast(BodyTemplate, value)


def _check_parameters_used(
    parameters: tuple[Parameter, ...],
    headers: tuple[tuple[str, TemplateString], ...],
    body: BodyTemplate,
    checker: Checker,
) -> None:
    used = {p.name for _, template in headers for p in template if isinstance(p, Placeholder)}
    used |= _placeholders_in(body)
    for parameter in parameters:
        if parameter.name not in used:
            checker.error(
                ("request", "parameters", parameter.name),
                f"declared but never used: put ${{{parameter.name}}} in the body or a header",
                at_key=True,
            )


def _check_optional_placement(
    path: KeyPath,
    value: BodyTemplate,
    optional: frozenset[str],
    key_value: bool,
    checker: Checker,
) -> None:
    """Optional parameters may only be whole values of body keys, which None leaves out.

    ``key_value`` says whether ``value`` is the value of a body key.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            _check_optional_placement((*path, key), item, optional, True, checker)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_optional_placement((*path, index), item, optional, False, checker)
    elif isinstance(value, tuple):
        for part in value:
            if not isinstance(part, Placeholder) or part.name not in optional:
                continue
            if not (key_value and len(value) == 1):
                checker.error(
                    path,
                    f"optional parameter ${{{part.name}}} (default null) can "
                    "only be the whole value of a body key, left out when None",
                )


def _placeholders_in(value: BodyTemplate) -> set[str]:
    if isinstance(value, dict):
        return set().union(*map(_placeholders_in, value.values()))
    if isinstance(value, list):
        return set().union(*map(_placeholders_in, value))
    if isinstance(value, tuple):
        return {p.name for p in value if isinstance(p, Placeholder)}
    return set()


def _response(data: dict[str, Any], checker: Checker) -> FramingSpec:
    framing = data["framing"]
    for path, message in misplaced_keys(framing, data):
        checker.error(("response", *path), message, at_key=True)
    return FRAMINGS[framing].from_spec(data, checker)
