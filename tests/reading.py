"""Reading a body through a framing as the endpoint does, without a network; and the rules a
spec's ``response`` keys compile to, against the runtime's source."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from typing import Any


def read_body(
    framing: Any, pieces: Iterable[bytes], origin: Any, failure: type[Exception]
) -> tuple[list[Any], Any]:
    """What ``framing`` makes of a body arriving as ``pieces``: the items, and the error that
    ended it or None; ``failure`` is the ``ProviderError`` of the runtime ``framing`` is of."""
    reader = framing.reader(origin)
    items: list[Any] = []
    try:
        for piece in pieces:
            if reader.feed(piece, items):
                return items, None
        reader.end(items)
    except failure as error:
        return items, error
    return items, None


def compiled_rules(response: dict[str, Any]) -> Any:
    """The runtime's rules for a spec's ``response`` keys (of the current format), compiled as
    ``build`` compiles them: the generated walk, run against the runtime's source.
    """
    from generator._diagnostics import Positions
    from generator._emit._source import CodeBuilder
    from generator._emit._walk import rules_arguments
    from generator._spec._checker import Checker
    from generator._spec._formats import LATEST, Format
    from generator._spec._response_section import NDJSONKeys

    checker = Checker(Positions("test.yaml"), Format(LATEST))
    rules = NDJSONKeys.read(response, checker).rules
    assert not checker.problems, checker.problems
    code = CodeBuilder()
    expression = code.call("DocumentRules", rules_arguments(rules, code))
    # A module of its own, registered, as msgspec resolves a class's annotations in its module.
    module = types.ModuleType(f"compiled_rules_{len(sys.modules)}_{id(rules)}")
    sys.modules[module.__name__] = module
    namespace = module.__dict__
    imports = [
        "from generator.runtime._events import Finish, ReasoningDelta, ToolCallDelta, Usage",
        "from generator.runtime._fallback import fallback_nodes",
        "from generator.runtime._framings import *",
        "from generator.runtime._stream import StreamItem",
    ]
    exec("\n".join([*imports, *code.definitions, f"RULES = {expression}"]), namespace)
    return namespace["RULES"]
