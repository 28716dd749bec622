"""``python -m generator``."""

import sys

from ._commands import main

sys.exit(main())
