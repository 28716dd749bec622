"""Provider modules generated from ``specs/``, and the small runtime they share.

Modules without a leading underscore are generated: edit the spec and run
``python -m generator build`` instead of editing them. ``_``-prefixed modules are the runtime.
"""
