"""How a request is authenticated beyond its headers: a closed set of schemes, each a class
naming the runtime's ``Auth`` that implements it."""

from __future__ import annotations

from dataclasses import dataclass

from ._templates import TemplateString

__all__ = ["AuthSpec", "AwsSigV4Spec", "GoogleAuthSpec"]


@dataclass(frozen=True)
class AwsSigV4Spec:
    """AWS Signature Version 4: every request signed for ``service``, with the credentials of
    the environment, in the region the host names, else ``region``."""

    service: str
    region: TemplateString
    """Text, ``${env.NAME}`` or a parameter: the region when the host names none."""


@dataclass(frozen=True)
class GoogleAuthSpec:
    """A Google OAuth 2 access token for ``scopes``: of the key file environment variable
    ``key_file_variable`` names, or of the application default credentials when it is None
    or unset."""

    scopes: tuple[str, ...]
    key_file_variable: str | None


AuthSpec = AwsSigV4Spec | GoogleAuthSpec
"""Every scheme a spec's ``auth`` section may name."""
