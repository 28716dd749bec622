"""``python -m generator``: build, check and validate a provider package from YAML specs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ._build import build, check, discover_specs, load_specs, validate
from ._capture import CaptureError, capture_text
from ._diagnostics import SpecError
from ._project import Config, ConfigError, find_config
from ._runtime_source import PARTS
from ._scaffold import ScaffoldError, write_captured_spec, write_new_spec
from ._spec import schema_text
from ._watch import watch

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
    for name, (run, help_text, arguments) in _COMMANDS.items():
        command = commands.add_parser(name, help=help_text)
        arguments(command)
        command.set_defaults(run=run)
    return parser


def _folders(command: argparse.ArgumentParser, *, output: bool = True) -> None:
    command.add_argument("--specs", type=Path, help="the folder of specs")
    if output:
        command.add_argument(
            "--output", type=Path, help="the package folder; its name is the package's"
        )
        command.add_argument(
            "--table", type=Path, help="the Markdown table of the providers (optional)"
        )
        command.add_argument(
            "--parts",
            type=_parts,
            metavar="PART,...",
            help=f"the runtime's parts to carry besides its core: {', '.join(PARTS)} "
            "(default: [tool.streamgen] parts, else none; an empty value for none)",
        )


def _parts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _build_arguments(command: argparse.ArgumentParser) -> None:
    _folders(command)
    command.add_argument(
        "spec", nargs="*", type=Path, help="rewrite only these specs' modules (in --specs)"
    )
    command.add_argument(
        "--watch", action="store_true", help="build again whenever a spec changes, until Ctrl-C"
    )


def _validate_arguments(command: argparse.ArgumentParser) -> None:
    _folders(command, output=False)
    command.add_argument("spec", nargs="*", type=Path, help="specs (default: all in --specs)")


def _schema_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", type=Path, help="write it to this file instead")


def _new_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("name", help="module name of the new provider, e.g. my_provider")
    _folders(command, output=False)
    source = command.add_mutually_exclusive_group()
    source.add_argument(
        "--from-curl",
        metavar="FILE",
        help="make the spec from a browser's 'Copy as cURL' (bash or cmd); - reads stdin",
    )
    source.add_argument(
        "--from-har",
        metavar="FILE",
        help="make the spec and a recording from a HAR file; - reads stdin",
    )
    command.add_argument(
        "--entry",
        type=int,
        metavar="N",
        help="with --from-har: the entry that streams the answer (default: found)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 1 failure, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except SpecError as error:
        _print_diagnostics(error)
        return 1
    except (ConfigError, ScaffoldError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return status


def _config(args: argparse.Namespace) -> Config:
    return find_config(Path.cwd()).with_flags(
        args.specs,
        getattr(args, "output", None),
        getattr(args, "table", None),
        getattr(args, "parts", None),
    )


def _schema_command(args: argparse.Namespace) -> int:
    if args.output is None:
        sys.stdout.write(schema_text())
    else:
        args.output.write_text(schema_text(), encoding="utf-8")
    return 0


def _build_command(args: argparse.Namespace) -> int:
    config = _config(args)
    return _watch(config, args.spec) if args.watch else _build(config, args.spec)


def _check_command(args: argparse.Namespace) -> int:
    return _check(_config(args))


def _validate_command(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.spec:
        specs = validate(args.spec, config.specs, config.root)
    else:
        specs = load_specs(discover_specs(config.specs, config.root), config.root)
    for spec in specs:
        print(f"ok {spec.source}")
    return 0


def _new_command(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.entry is not None and args.from_har is None:
        print("error: --entry is for --from-har", file=sys.stderr)
        return 2
    if args.from_curl is None and args.from_har is None:
        path = write_new_spec(
            args.name, config.specs, config.display(config.specs), _schema(config)
        )
        print(f"wrote {config.display(path)}")
        return 0
    return _new_from_capture(args, config)


def _new_from_capture(args: argparse.Namespace, config: Config) -> int:
    har = args.from_har is not None
    name = args.from_har if har else args.from_curl
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    source = "standard input" if name == "-" else Path(name).name
    try:
        text = capture_text(data)
        capture = write_captured_spec(
            args.name,
            config.specs,
            config.root / "recordings",
            text=text,
            source=source,
            har=har,
            entry=args.entry,
        )
    except CaptureError as error:
        print(f"error: {source}: {error}", file=sys.stderr)
        return 1
    for path in (capture.spec, capture.recording):
        if path is not None:
            print(f"wrote {config.display(path)}")
    comments = capture.draft.comments
    for heading, notes in (("inferred", comments.inferred), ("not decided", comments.undecided)):
        if notes:
            print(f"{heading}:")
            print("\n".join(f"  {note}" for note in notes))
    return 0


def _schema(config: Config) -> Path | None:
    """The spec format's JSON Schema, if the project keeps one beside its specs or in docs/."""
    for schema in (config.specs / SCHEMA_FILE, config.root / "docs" / SCHEMA_FILE):
        if schema.is_file():
            return schema
    return None


def _build(config: Config, only: list[Path]) -> int:
    report = build(
        config.specs,
        config.output,
        only=only,
        root=config.root,
        table=config.table,
        parts=config.parts,
    )
    for path in report.written:
        print(f"wrote {config.display(path)}")
    for path, why in report.removed.items():
        print(f"removed {config.display(path)} ({why})")
    for note in report.notes:
        print(f"note: {note}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    sys.stderr.flush()
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
    problems = check(
        config.specs, config.output, root=config.root, table=config.table, parts=config.parts
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{config.display(config.output)} is in sync with {config.display(config.specs)}")
    return 0


_COMMANDS: dict[
    str,
    tuple[Callable[[argparse.Namespace], int], str, Callable[[argparse.ArgumentParser], None]],
] = {
    "build": (_build_command, "write the package from the specs", _build_arguments),
    "check": (_check_command, "exit 1 if the package differs from a build", _folders),
    "validate": (_validate_command, "check specs, write nothing", _validate_arguments),
    "schema": (_schema_command, "print the JSON Schema of the spec format", _schema_arguments),
    "new": (_new_command, "write a commented spec to start from", _new_arguments),
}
"""Each command: what runs it, its help, and what adds its arguments."""
