"""Import time of a generated provider, in a fresh process: ``python -m bench._importtime``.

Imports ``aiohttp``, then ``generated.codelink_ava`` on top of it, timing each: together, what a
program's first import of a provider costs, and how much of it is aiohttp's. Prints a JSON line
with both, how many modules came in, and which of the generator's own libraries did: a generated
package must never need them. Nothing but ``sys`` and ``time`` is imported before the clock.
"""

from __future__ import annotations

import importlib
import sys
import time

__all__ = ["FORBIDDEN"]

FORBIDDEN = ("jinja2", "yaml", "jsonschema", "jsonpath_ng", "generator")
"""The generator and what it uses: a provider's import must bring none of them."""


def main() -> None:
    before = len(sys.modules)
    started = time.perf_counter()
    importlib.import_module("aiohttp")
    between = time.perf_counter()
    importlib.import_module("generated.codelink_ava")
    ended = time.perf_counter()
    report = {
        "seconds": ended - started,
        "aiohttp_seconds": between - started,
        "modules": len(sys.modules) - before,
        "forbidden": [name for name in FORBIDDEN if name in sys.modules],
    }
    import json  # after the clock: the report's own import is not the provider's

    print(json.dumps(report))


if __name__ == "__main__":
    main()
