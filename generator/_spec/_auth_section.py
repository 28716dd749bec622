"""The ``auth`` section of a spec (version 3): how the streamed request is signed beyond its
headers, one of a closed set of schemes. A key or a token in a header or the query needs no
section: ``${env.NAME}`` in the request says it."""

from __future__ import annotations

from typing import Any

from .._model import AuthSpec, AwsSigV4Spec, GoogleAuthSpec, Parameter, Placeholder
from ._checker import Checker
from ._schema_parts import Schema, object_schema

__all__ = ["AUTH_SCHEMA", "read_auth"]

AUTH_SCHEMA: Schema = {
    **object_schema(
        {
            "aws_sigv4": object_schema(
                {
                    "service": {
                        "type": "string",
                        "pattern": "^[a-z0-9-]+$",
                        "description": "The service signed for: bedrock, execute-api, ...",
                    },
                    "region": {
                        "type": "string",
                        "minLength": 1,
                        "description": (
                            "The region signed for when the request's host names none "
                            "(SERVICE.REGION.amazonaws.com does): text, ${env.NAME} or "
                            "${parameter}."
                        ),
                    },
                },
                ["service", "region"],
                "AWS Signature Version 4, with the credentials of AWS_ACCESS_KEY_ID, "
                "AWS_SECRET_ACCESS_KEY and, when set, AWS_SESSION_TOKEN; signed afresh on "
                "every attempt.",
            ),
            "google": object_schema(
                {
                    "scopes": {
                        "type": "array",
                        "items": {"type": "string", "pattern": "^https://"},
                        "minItems": 1,
                        "description": "The OAuth 2 scopes the token is for.",
                    },
                    "key_file": {
                        "type": "string",
                        "pattern": "^\\$\\{env\\.[A-Za-z_][A-Za-z0-9_]*\\}$",
                        "description": (
                            "${env.NAME}: the variable that names a service account's JSON "
                            "key file; unset (or without the key), the application default "
                            "credentials."
                        ),
                    },
                },
                ["scopes"],
                "A Google OAuth 2 access token, Authorization: Bearer: fetched once and "
                "reused until a minute before it expires, again after a 401.",
            ),
        },
        [],
        "Version 3: how the streamed request is signed beyond its headers; one scheme.",
    ),
    "minProperties": 1,
    "maxProperties": 1,
}


def read_auth(
    data: dict[str, Any], parameters: tuple[Parameter, ...], checker: Checker
) -> AuthSpec | None:
    """The scheme of the spec's ``auth`` section, None without one; problems go to
    ``checker``."""
    auth = data.get("auth")
    if auth is None or not checker.allows(("auth",), "auth"):
        return None
    if data.get("steps") or data["response"].get("framing") == "websocket":
        checker.error(("auth",), "signs a spec of one HTTP request: no steps, no WebSocket")
        return None
    if "google" in auth:
        return _google(auth["google"], checker)
    aws = auth["aws_sigv4"]
    # A region is text, and always there: a string parameter with a value.
    known = frozenset(p.name for p in parameters if p.type == "str" and not p.optional)
    region = checker.template(("auth", "aws_sigv4", "region"), aws["region"], known)
    return AwsSigV4Spec(service=aws["service"], region=region)


def _google(google: dict[str, Any], checker: Checker) -> GoogleAuthSpec:
    """A Google token's scopes, and the variable that names its key file, if any."""
    written = google.get("key_file")
    variable = None
    if written is not None:
        template = checker.template(("auth", "google", "key_file"), written, frozenset())
        if len(template) != 1 or not isinstance(template[0], Placeholder) or not template[0].env:
            checker.error(("auth", "google", "key_file"), "give ${env.NAME}, and nothing else")
        else:
            variable = template[0].env
    return GoogleAuthSpec(scopes=tuple(google["scopes"]), key_file_variable=variable)
