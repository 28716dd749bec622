"""The rules a spec's ``response`` keys compile to, run against the runtime's source: what
the tests of the runtime and of the generator's walk feed documents to."""

from __future__ import annotations

import sys
import types
from typing import Any

from generator._diagnostics import Positions
from generator._emit._source import CodeBuilder
from generator._emit._walk import rules_arguments
from generator._spec._checker import Checker
from generator._spec._formats import LATEST, Format
from generator._spec._response_section import NDJSONKeys
from generator.runtime import _events, _fallback, _framings, _stream

RUNTIME_NAMES: dict[str, Any] = {
    **{name: getattr(_framings, name) for name in _framings.__all__},
    **{name: getattr(_events, name) for name in _events.__all__},
    "fallback_nodes": _fallback.fallback_nodes,
    "StreamItem": _stream.StreamItem,
}
"""What a generated walk reads from the runtime, from its source."""


def compiled_rules(response: dict[str, Any]) -> Any:
    """The runtime's rules for a spec's ``response`` keys (of the current format), compiled as
    ``build`` compiles them: the generated walk, run against the runtime's source.
    """
    checker = Checker(Positions("test.yaml"), Format(LATEST))
    rules = NDJSONKeys.read(response, checker).rules
    assert not checker.problems, checker.problems
    code = CodeBuilder()
    expression = code.call("DocumentRules", rules_arguments(rules, code))
    # A module of its own, registered, as msgspec resolves a class's annotations in its module.
    module = types.ModuleType(f"compiled_rules_{len(sys.modules)}_{id(rules)}")
    sys.modules[module.__name__] = module
    namespace = module.__dict__
    namespace.update(RUNTIME_NAMES)
    exec("\n".join([*code.definitions, f"RULES = {expression}"]), namespace)
    return namespace["RULES"]
