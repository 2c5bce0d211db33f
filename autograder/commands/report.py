"""autograder report: rebuild grades/report.html from the results on disk."""
from __future__ import annotations

from pathlib import Path

HELP = "クラス全体レポートを作り直す / rebuild the class report (report.html) from graded results"


def add_arguments(parser):
    parser.add_argument("--out", type=Path, default=Path("grades"), help="the folder `autograder grade` wrote")


def run(args) -> int:
    from ..report import class_report
    if not (Path(args.out) / "summary.json").is_file():
        print(f"error: {args.out}/summary.json not found: run `autograder grade SUBMISSIONS --out {args.out}` first")
        return 2
    print(f"wrote {class_report.write(Path(args.out))}")
    return 0
