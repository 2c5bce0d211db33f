"""autograder export --format moodle|canvas: an LMS's grade-import CSV from the results on disk."""
from __future__ import annotations

from pathlib import Path

HELP = "成績を LMS の取り込み形式で書き出す / write an LMS's grade-import CSV from graded results"


def add_arguments(parser):
    parser.add_argument("--format", required=True, choices=["moodle", "canvas"], dest="lms",
                        help="moodle: the assignment's grading worksheet; canvas: the gradebook import CSV")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="the folder `autograder grade` wrote")
    parser.add_argument("--to", type=Path, help="the CSV to write (default: OUT/<format>_grades.csv)")
    parser.add_argument("--scale", type=float, metavar="MAX",
                        help="rescale totals so that full marks are MAX (e.g. the LMS assignment's 100)")
    parser.add_argument("--assignment", default="Autograder",
                        help="canvas: the assignment column's header, as Canvas's gradebook export writes it "
                             "(e.g. 'Exercises (1234)')")
    parser.add_argument("--missing-zero", action="store_true",
                        help="give 0 to roster students who handed in nothing (default: no grade)")


def run(args) -> int:
    from ..report import class_report, lms_export
    out = Path(args.out)
    if not (out / "summary.json").is_file():
        print(f"error: {out}/summary.json not found: run `autograder grade SUBMISSIONS --out {out}` first")
        return 2
    if args.scale is not None and args.scale <= 0:
        print("error: --scale must be > 0")
        return 2
    summary, results = class_report.gather(out)
    made = lms_export.export(args.lms, summary, {r["student"]: r for r in results}, scale=args.scale,
                             missing_zero=args.missing_zero, assignment=args.assignment)
    target = args.to or out / f"{args.lms}_grades.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(made.text, encoding="utf-8", newline="")
    print(f"wrote {target}: {made.rows} students ({args.lms})")
    if made.no_grade:
        print(f"!! {len(made.no_grade)} without a grade (the LMS keeps what it has for them):")
        print("\n".join(f"   {line}" for line in made.no_grade))
    if made.incomplete:
        print(f"!! {len(made.incomplete)} graded without some exercise (pending or an error; the total "
              "counts what was graded):")
        print("\n".join(f"   {line}" for line in made.incomplete))
    if made.not_graded:
        print(f"!! {len(made.not_graded)} found but not graded yet (no row): {', '.join(made.not_graded[:20])}")
    if made.unmatched:
        how = ("no Moodle participant id: import these through the gradebook's CSV import, mapping "
               "'Email address'" if args.lms == "moodle" else
               "no Canvas user id: Canvas matches them by 'SIS Login ID' (the student id here)")
        print(f"!! {len(made.unmatched)} row(s) with {how}")
    return 0
