# Generated from specs/ by `python -m generator build`: do not edit by hand.
# Regenerated with the package.
"""``python -m generated``: chat with a provider, list them, or serve them.

``python -m generated PROVIDER "prompt"`` streams an answer; ``--help`` says the rest.
"""

import sys

from . import _REGISTRY
from ._runtime._chat import main

if __name__ == "__main__":
    sys.exit(main(_REGISTRY, prog="python -m generated"))
