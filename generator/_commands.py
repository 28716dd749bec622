"""``python -m generator``: build, check and validate a provider package from YAML specs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ._build import build, check, discover_specs, load_specs, validate
from ._diagnostics import SpecError
from ._project import Config, ConfigError, find_config
from ._scaffold import ScaffoldError, write_new_spec
from ._spec import schema_text
from ._watch import watch
from .runtime._url import is_http_url

__all__ = ["main"]

SCHEMA_FILE = "spec.schema.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description=(
            "Generate a package of typed async streaming providers from YAML specs. Folders "
            "default to [tool.streamgen] in the nearest pyproject.toml that has it, else "
            "./specs and ./generated."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_folders(command: argparse.ArgumentParser, *, output: bool = True) -> None:
        command.add_argument("--specs", type=Path, help="the folder of specs")
        if output:
            command.add_argument(
                "--output", type=Path, help="the package folder; its name is the package's"
            )
            command.add_argument(
                "--table", type=Path, help="the Markdown table of the providers (optional)"
            )

    build_command = commands.add_parser("build", help="write the package from the specs")
    with_folders(build_command)
    build_command.add_argument(
        "spec", nargs="*", type=Path, help="rewrite only these specs' modules (in --specs)"
    )
    build_command.add_argument(
        "--watch", action="store_true", help="build again whenever a spec changes, until Ctrl-C"
    )
    with_folders(commands.add_parser("check", help="exit 1 if the package differs from a build"))
    validate = commands.add_parser("validate", help="check specs, write nothing")
    with_folders(validate, output=False)
    validate.add_argument("spec", nargs="*", type=Path, help="specs (default: all in --specs)")
    schema = commands.add_parser("schema", help="print the JSON Schema of the spec format")
    schema.add_argument("-o", "--output", type=Path, help="write it to this file instead")
    new = commands.add_parser("new", help="write a commented spec to start from")
    new.add_argument("name", help="module name of the new provider, e.g. my_provider")
    with_folders(new, output=False)
    _record_arguments(
        commands.add_parser("record", help="send one real request and save it as a recording")
    )
    return parser


def _record_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", type=Path, help="the spec (any file, anywhere)")
    parser.add_argument("--prompt", required=True, help="the user message to send")
    parser.add_argument("--model", help="default: the provider's default model")
    parser.add_argument(
        "--base-url",
        type=_base_url,
        help="send to this server instead of the spec's (its user and password as Basic auth)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of the provider; a body field where the provider merges others",
    )
    parser.add_argument(
        "--out", type=Path, help="default: recordings/<module>/recorded-<UTC time>.json"
    )


def _base_url(text: str) -> str:
    if not is_http_url(text):
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL with a host: {text!r}")
    parts = urlsplit(text)
    try:  # sent as Basic authorization, which is Latin-1
        f"{unquote(parts.username or '')}:{unquote(parts.password or '')}".encode("latin-1")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("its user and password must be Latin-1") from None
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 1 failure, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except SpecError as error:
        _print_diagnostics(error)
        return 1
    except (ConfigError, ScaffoldError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _config(args: argparse.Namespace) -> Config:
    return find_config(Path.cwd()).with_flags(
        args.specs, getattr(args, "output", None), getattr(args, "table", None)
    )


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        if args.output is None:
            sys.stdout.write(schema_text())
        else:
            args.output.write_text(schema_text(), encoding="utf-8")
        return 0
    if args.command == "record":
        from ._record import run  # aiohttp and the proxy are loaded only to record

        return run(args, find_config(Path.cwd()))
    config = _config(args)
    if args.command == "build" and args.watch:
        return _watch(config, args.spec)
    if args.command == "build":
        return _build(config, args.spec)
    if args.command == "check":
        return _check(config)
    if args.command == "validate":
        if args.spec:
            specs = validate(args.spec, config.specs, config.root)
        else:
            specs = load_specs(discover_specs(config.specs, config.root), config.root)
        for spec in specs:
            print(f"ok {spec.source}")
        return 0
    path = write_new_spec(args.name, config.specs, config.display(config.specs), _schema(config))
    print(f"wrote {config.display(path)}")
    return 0


def _schema(config: Config) -> Path | None:
    """The spec format's JSON Schema, if the project keeps one beside its specs or in docs/."""
    for schema in (config.specs / SCHEMA_FILE, config.root / "docs" / SCHEMA_FILE):
        if schema.is_file():
            return schema
    return None


def _build(config: Config, only: list[Path]) -> int:
    report = build(config.specs, config.output, only=only, root=config.root, table=config.table)
    for path in report.written:
        print(f"wrote {config.display(path)}")
    for path, why in report.removed.items():
        print(f"removed {config.display(path)} ({why})")
    for note in report.notes:
        print(f"note: {note}")
    unchanged = f", {len(report.unchanged)} unchanged" if report.unchanged else ""
    print(
        f"built {config.display(config.output)}: {len(report.written)} written{unchanged}",
        flush=True,
    )
    return 0


def _watch(config: Config, only: list[Path]) -> int:
    """Build, then build again on every change to the specs; a failed build is reported."""

    def rebuild() -> None:
        try:
            _build(config, only)
        except SpecError as error:
            _print_diagnostics(error)
        except (ConfigError, OSError) as error:
            print(f"error: {error}", file=sys.stderr, flush=True)

    def announce(change: str) -> None:
        print(change, flush=True)

    print(f"watching {config.display(config.specs)} (Ctrl-C stops)", flush=True)
    try:
        watch(config.specs, rebuild, announce)
    except KeyboardInterrupt:
        print("stopped watching", flush=True)
    return 0


def _print_diagnostics(error: SpecError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    sys.stderr.flush()


def _check(config: Config) -> int:
    problems = check(config.specs, config.output, root=config.root, table=config.table)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{config.display(config.output)} is in sync with {config.display(config.specs)}")
    return 0
