# Generated from generator/runtime/_gateway_config.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""``serve --config FILE``: the gateway's settings in a YAML file a deployment keeps.

```yaml
host: 127.0.0.1
port: 8000
api_key_env: GATEWAY_KEY        # require Authorization: Bearer <value of $GATEWAY_KEY>
insecure: false
keepalive_timeout: 5            # seconds a connection with no whole request is kept
access_log: plain               # a line per request on stderr: plain, json or off
metrics: false                  # GET /metrics, Prometheus' format (pip install prometheus-client)
providers:
  OllamaChat: {base_url: "http://10.0.0.7:11434"}
models:                         # names a client may ask for
  fast: [OllamaChat/llama3.2, OpenaiChat/gpt-4o-mini]   # a route: tried in turn
  smart: OpenaiChat/gpt-4o                              # an alias
  spread: {targets: [Aichat, Yqcloud], order: recent_success}   # the best of late first
```

Every key is optional; the command line's flags win over the file. A mistake is reported as
``FILE:LINE:COLUMN: what is wrong``, as a spec's are. Reading a file needs PyYAML (the
generator's own dependency); a package served without ``--config`` does not.
docs/gateway-config.schema.json is the file's JSON Schema, for editors.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._exceptions import UnknownProviderError, did_you_mean
from ._gateway_access import ACCESS_LOG_FORMATS
from ._gateway_routes import ROUTE_ORDERS
from ._registry import Registry
from ._url import BaseURL, is_http_url

__all__ = ["ConfigFileError", "GatewayConfig", "load_config"]

_KEYS = (
    "host",
    "port",
    "api_key_env",
    "insecure",
    "keepalive_timeout",
    "access_log",
    "metrics",
    "providers",
    "models",
)

_PROVIDER_KEYS = ("base_url",)
_ORIGIN_SCHEMES = ("http://", "https://", "ws://", "wss://")


class ConfigFileError(Exception):
    """The file cannot be used; the message is ``FILE:LINE:COLUMN: what is wrong``."""


@dataclass(frozen=True)
class GatewayConfig:
    """What the file sets; None where it sets nothing."""

    host: str | None = None
    port: int | None = None
    api_key_env: str | None = None
    insecure: bool | None = None
    keepalive_timeout: float | None = None
    access_log: str | None = None
    metrics: bool | None = None
    base_urls: dict[str, BaseURL] = field(default_factory=dict)
    routes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    balanced: frozenset[str] = frozenset()
    """The routes ordered by recent success."""


def load_config(path: Path, registry: Registry) -> GatewayConfig:
    """The settings of the file at ``path``; raises :class:`ConfigFileError`."""
    try:
        import yaml
    except ImportError:  # the generator's dependency, not the package's
        raise ConfigFileError(f"{path}: reading it needs PyYAML: pip install pyyaml") from None
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read it: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: it is not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigFileError(f"{where}: not YAML: {getattr(error, 'problem', error)}") from None
    return _Reader(path, registry, yaml.SafeLoader(""), yaml.YAMLError).config(root)


class _Reader:
    """Reads the file's node tree, each mistake told at its node's line and column."""

    def __init__(self, path: Path, registry: Registry, loader: Any, error: type[Exception]) -> None:
        self._path = path
        self._registry = registry
        self._loader = loader
        self._yaml_error = error
        """What makes a scalar node its value (YAML 1.1's, as safe_load reads it)."""

    def error(self, node: Any, message: str) -> ConfigFileError:
        mark = node.start_mark
        return ConfigFileError(f"{self._path}:{mark.line + 1}:{mark.column + 1}: {message}")

    def config(self, root: Any) -> GatewayConfig:
        if root is None:
            return GatewayConfig()
        found: dict[str, Any] = {}
        for key, (_, node) in self.mapping(root, "the file", _KEYS).items():
            if key == "providers":
                found["base_urls"] = self.providers(node)
            elif key == "models":
                found["routes"], found["balanced"] = self.models(node)
            elif key == "port":
                found[key] = self.number(node, key, int, lowest=0, highest=65535)
            elif key == "keepalive_timeout":
                found[key] = float(self.number(node, key, float, lowest=0.001))
            elif key in ("insecure", "metrics"):
                found[key] = self.scalar(node, key, bool, "true or false")
            elif key == "access_log":
                found[key] = self.scalar(node, key, str, "plain, json or off")
                if found[key] not in ACCESS_LOG_FORMATS:
                    raise self.error(node, "access_log must be plain, json or off")
            else:
                found[key] = self.scalar(node, key, str, "text")
                if not found[key]:
                    raise self.error(node, f"{key} must not be empty")
        return GatewayConfig(**found)

    def mapping(
        self, node: Any, what: str, keys: tuple[str, ...] | None
    ) -> dict[str, tuple[Any, Any]]:
        """A mapping's key and value nodes by key (text keys, each once; among ``keys`` if
        given)."""
        if node.tag != "tag:yaml.org,2002:map":
            raise self.error(node, f"{what} must be a mapping")
        found: dict[str, tuple[Any, Any]] = {}
        for key_node, value in node.value:
            key = key_node.value
            if key_node.tag != "tag:yaml.org,2002:str":
                raise self.error(key_node, f"a key of {what} must be text")
            if key in found:
                raise self.error(key_node, f"{key!r} is given twice in {what}")
            if keys is not None and key not in keys:
                hint = did_you_mean(difflib.get_close_matches(key, keys))
                raise self.error(key_node, f"unknown key {key!r} in {what}{hint}")
            found[key] = (key_node, value)
        return found

    def scalar(self, node: Any, key: str, kind: type, described: str) -> Any:
        value = self.value(node)
        if isinstance(value, bool) is not (kind is bool) or not isinstance(value, kind):
            raise self.error(node, f"{key} must be {described}")
        return value

    def number(
        self, node: Any, key: str, kind: type, *, lowest: float, highest: float | None = None
    ) -> Any:
        value = self.value(node)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or not math.isfinite(value) or (kind is int and not isinstance(value, int)):
            raise self.error(node, f"{key} must be {'an integer' if kind is int else 'a number'}")
        if value < lowest or (highest is not None and value > highest):
            bound = (
                f"from {lowest:g} to {highest:g}" if highest is not None else f"{lowest:g} or more"
            )
            raise self.error(node, f"{key} must be {bound}")
        return value

    def value(self, node: Any) -> Any:
        if node.tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            return node  # no scalar: its check fails on its type
        try:
            return self._loader.construct_object(node)
        except (self._yaml_error, ValueError, TypeError):  # a tag's value it cannot be
            raise self.error(node, f"cannot read {node.value!r} as its tag says") from None

    def providers(self, node: Any) -> dict[str, BaseURL]:
        base_urls: dict[str, BaseURL] = {}
        for name, (key_node, settings) in self.mapping(node, "providers", None).items():
            provider = self.provider(key_node, name)
            given = self.mapping(settings, f"provider {name}", _PROVIDER_KEYS)
            if "base_url" in given:
                base_urls[provider] = self.base_url(given["base_url"][1])
        return base_urls

    def base_url(self, node: Any) -> BaseURL:
        if node.tag == "tag:yaml.org,2002:map":
            urls = self.mapping(node, "base_url", None)
            if not urls:
                raise self.error(node, "base_url maps no origin")
            for origin, (key_node, _) in urls.items():
                if not origin.startswith(_ORIGIN_SCHEMES):
                    raise self.error(key_node, f"{origin!r} is no origin: give scheme://host")
            return {origin: self.url(value) for origin, (_, value) in urls.items()}
        return self.url(node)

    def url(self, node: Any) -> str:
        value = self.value(node)
        if not isinstance(value, str) or not is_http_url(value):
            raise self.error(node, "base_url must be an http(s) URL, or origins mapped to them")
        return value

    def models(self, node: Any) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
        """Each model name's targets, and the names whose routes are ordered by recent
        success: a target, a list of them, or ``{targets: [...], order: ...}``."""
        routes: dict[str, tuple[str, ...]] = {}
        balanced: set[str] = set()
        for alias, (_, given) in self.mapping(node, "models", None).items():
            targets = given
            if given.tag == "tag:yaml.org,2002:map":
                settings = self.mapping(given, f"model {alias}", ("targets", "order"))
                if "targets" not in settings:
                    raise self.error(given, f"model {alias!r} names no targets")
                targets = settings["targets"][1]
                if "order" in settings:
                    order = self.scalar(
                        settings["order"][1], "order", str, "in_turn or recent_success"
                    )
                    if order not in ROUTE_ORDERS:
                        raise self.error(
                            settings["order"][1], "order must be in_turn or recent_success"
                        )
                    if order == "recent_success":
                        balanced.add(alias)
            listed = targets.value if targets.tag == "tag:yaml.org,2002:seq" else [targets]
            if not listed:
                raise self.error(targets, f"model {alias!r} names no provider")
            routes[alias] = tuple(self.target(target) for target in listed)
        return routes, frozenset(balanced)

    def target(self, node: Any) -> str:
        value = self.value(node)
        if not isinstance(value, str) or not value:
            raise self.error(node, "a model's target must be PROVIDER or PROVIDER/MODEL")
        name, slash, model = value.partition("/")
        return self.provider(node, name) + slash + model

    def provider(self, node: Any, name: str) -> str:
        try:
            return self._registry.info(name).name
        except UnknownProviderError as error:
            raise self.error(node, f"no provider {name!r}{did_you_mean(error.matches)}") from None
