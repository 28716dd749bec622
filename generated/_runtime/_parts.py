# Generated from generator/runtime/_parts.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The parts a package can carry besides its core, and what to do to get one.

The core (the endpoint, the framings, the stream, the errors, the messages) is in every package.
The other parts are copied into a package only when its build asks for them (``parts`` in
``[tool.streamgen]``, or ``build --parts``); a package without one says how to get it when it
is called for.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PARTS", "REGISTRY_FUNCTIONS", "Part", "missing_part"]


@dataclass(frozen=True)
class Part:
    """One part: what it gives, its runtime files, the names it adds to a package's top level,
    and the parts it needs."""

    gives: str
    files: tuple[str, ...]
    """Runtime modules, by file name."""
    exports: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


REGISTRY_FUNCTIONS = ("find_providers", "get_provider", "provider_infos", "providers")
"""The registry part's exports that a package binds to its registry's methods of the same
names; the part's other exports are classes of its ``_registry`` module."""

PARTS: dict[str, Part] = {
    "registry": Part(
        "the registry of providers (providers(), get_provider(), find_providers()) and the "
        "chat command, python -m PACKAGE",
        ("_registry.py", "_chat.py"),
        exports=("ParameterInfo", "ProviderInfo", *REGISTRY_FUNCTIONS),
    ),
    "gateway": Part(
        "the OpenAI-compatible gateway, python -m PACKAGE serve",
        (
            "_anthropic_format.py",
            "_gateway.py",
            "_gateway_access.py",
            "_gateway_app.py",
            "_gateway_config.py",
            "_gateway_errors.py",
            "_gateway_metrics.py",
            "_gateway_pages.py",
            "_gateway_request.py",
            "_gateway_routes.py",
            "_gateway_runner.py",
            "_openai_format.py",
            "_responses_format.py",
        ),
        needs=("registry",),
    ),
    "gpt4free": Part(
        "the adapter gpt4free's clients take, gpt4free_provider()",
        ("_gpt4free.py",),
        exports=("gpt4free_provider",),
    ),
}
"""Every optional part, by name."""


def missing_part(name: str) -> str:
    """What to say when part ``name`` is called for in a package built without it."""
    return (
        f"this package was built without its {name!r} part ({PARTS[name].gives}): add "
        f'"{name}" to parts in [tool.streamgen], or build with --parts {name}, and rebuild'
    )
