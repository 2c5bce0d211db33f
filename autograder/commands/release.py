"""autograder release OUT/: the student release, as a folder and OUT.zip."""
from __future__ import annotations

from pathlib import Path

HELP = "学生に配布するもの(フォルダと zip)を作成 / write the student release (folder and zip)"


def add_arguments(parser):
    parser.add_argument("out", type=Path, help="release folder to write (replaced); OUT.zip is written beside it")
    parser.add_argument("--no-notebooks", action="store_true",
                        help="leave out notebooks/ (skips nbgrader generate_assignment)")


def run(args) -> int:
    from ..release import ReleaseError, build_release

    try:
        archive = build_release(args.out, with_notebooks=not args.no_notebooks)
    except ReleaseError as exc:
        print(f"release failed: {exc}")
        return 1
    folder = args.out.resolve()
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    print(f"wrote {folder} ({count} files) and {archive}")
    print("確認 / check: cd", folder, "&& python -m pytest exercises/   (every exercise: 未着手 / not started)")
    return 0
