"""``python -m generator``: build, check and validate provider modules from YAML specs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._build import build, check, discover_specs, display_path, load_specs
from ._diagnostics import SpecError
from ._scaffold import ScaffoldError, write_new_spec
from ._schema import schema_text

DEFAULT_SPECS = Path("specs")
DEFAULT_OUTPUT = Path("generated")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate typed async streaming provider modules from YAML specs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_dirs(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
        command.add_argument("--specs", type=Path, default=DEFAULT_SPECS, help="spec directory")
        command.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="module directory")
        return command

    build_command = with_dirs(commands.add_parser("build", help="generate modules from specs"))
    build_command.add_argument("spec", nargs="*", type=Path, help="specs (default: all in --specs)")
    with_dirs(commands.add_parser("check", help="exit 1 if generated modules are out of date"))
    validate = with_dirs(commands.add_parser("validate", help="check specs, write nothing"))
    validate.add_argument("spec", nargs="*", type=Path, help="specs (default: all in --specs)")
    schema = commands.add_parser("schema", help="print the JSON Schema of the spec format")
    schema.add_argument("-o", "--output", type=Path, help="write it to this file instead")
    new = commands.add_parser("new", help="write a commented spec to start from")
    new.add_argument("name", help="module name of the new provider, e.g. my_provider")
    new.add_argument("--specs", type=Path, default=DEFAULT_SPECS, help="spec directory")
    serve = commands.add_parser("serve", help="serve recordings on 127.0.0.1 for testing")
    from ._replay import add_serve_arguments

    add_serve_arguments(serve)
    demo = commands.add_parser("demo", help="stream CodeLinkAva from a recording on 127.0.0.1")
    demo.add_argument("recording", nargs="?", type=Path, help="recording to serve")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 1 failure, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except SpecError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    except (OSError, ScaffoldError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "validate":
        specs = load_specs(args.spec or discover_specs(args.specs))
        for spec in specs:
            print(f"ok {spec.source}")
        return 0
    if args.command == "schema":
        if args.output is None:
            sys.stdout.write(schema_text())
        else:
            args.output.write_text(schema_text(), encoding="utf-8")
        return 0
    if args.command == "new":
        print(f"wrote {display_path(write_new_spec(args.name, args.specs))}")
        return 0
    if args.command == "serve":
        from ._replay import run_serve

        return run_serve(args)
    from ._demo import run_demo

    return run_demo(args.recording)


def _build(args: argparse.Namespace) -> int:
    report = build(args.spec or discover_specs(args.specs), args.output, prune=not args.spec)
    for path in report.written:
        print(f"wrote {display_path(path)}")
    for path in report.unchanged:
        print(f"unchanged {display_path(path)}")
    for path in report.removed:
        print(f"removed {display_path(path)} (its spec is gone)")
    for note in report.notes:
        print(f"note: {note}")
    return 0


def _check(args: argparse.Namespace) -> int:
    problems = check(discover_specs(args.specs), args.output)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{display_path(args.output)} is in sync with {display_path(args.specs)}")
    return 0
