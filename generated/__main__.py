# Generated from specs/ by `python -m generator build`: do not edit by hand.
# Regenerated with the package.
"""``python -m <package>``: chat with a provider, list them, or serve them.

``python -m <package> PROVIDER "prompt"`` streams an answer; ``--help`` says the rest. The
command names itself by the package's full name, as it was run: ``python -m acme.llm``.
"""

import sys

from . import _REGISTRY
from ._runtime._chat import main

if __name__ == "__main__":
    # The build knows only the folder's name; __package__ is the name the package was run by,
    # in full (acme.llm for a package in src/acme/llm).
    sys.exit(main(_REGISTRY, prog=f"python -m {__package__}"))
