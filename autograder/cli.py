"""``autograder`` command line: one subcommand per module in autograder/commands/."""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "build": "autograder.commands.build",
    "grade": "autograder.commands.grade",
    "report": "autograder.commands.report",
    "export": "autograder.commands.export",
    "release": "autograder.commands.release",
    "fetch-data": "autograder.commands.fetch_data",
    "wrong-answers": "autograder.commands.wrong_answers",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        modules[name] = module
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
