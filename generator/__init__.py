"""streamgen's code generator: YAML specs in, a self-contained package of typed providers out.

Use it from the command line (``python -m generator build``) or from Python::

    from pathlib import Path
    from generator import build, check, find_config

    config = find_config(Path.cwd())
    report = build(config.specs, config.output, root=config.root)

A spec with mistakes raises :class:`SpecError`, whose ``diagnostics`` say where and what; a
configuration or folder that cannot be used raises :class:`ConfigError`. The runtime the
generated package is built on is hand-written source in ``generator/runtime``, copied into every
package.
"""

from ._build import BuildReport, build, check, discover_specs, load_specs, validate
from ._commands import main
from ._diagnostics import Diagnostic, SpecError
from ._model import ProviderSpec
from ._package import render_provider
from ._project import Config, ConfigError, find_config
from ._spec import SPEC_SCHEMA

__all__ = [
    "SPEC_SCHEMA",
    "BuildReport",
    "Config",
    "ConfigError",
    "Diagnostic",
    "ProviderSpec",
    "SpecError",
    "build",
    "check",
    "discover_specs",
    "find_config",
    "load_specs",
    "main",
    "render_provider",
    "validate",
]
