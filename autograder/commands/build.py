"""autograder build: regenerate everything derived from solutions/."""
from __future__ import annotations

import importlib.util

from ..author import stubs
from ..paths import KIT_ROOT

HELP = "solutions/ からスタブ(とノートブック)を生成 / regenerate stubs (and notebooks) from solutions/"


def add_arguments(parser):
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a generated file is out of date")


def generated_files() -> dict:
    files = dict(stubs.expected_stubs(KIT_ROOT))
    if importlib.util.find_spec("autograder.author.notebooks") is None:
        return files
    from ..author import notebooks
    files.update(notebooks.expected_notebooks(KIT_ROOT))
    return files


def run(args) -> int:
    stale = []
    for path, text in generated_files().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(KIT_ROOT)))
    return 1 if (args.check and stale) else 0
