"""autograder wrong-answers: grade every planted mistake and report the share caught."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .. import config as grading
from ..author.wrong_answers import discover, materialize, points_lost
from ..grade.hidden_runner import HiddenRunner

HELP = "仕込んだ誤答が隠しテストで見つかる割合 / share of planted wrong answers the hidden suites catch"


def add_arguments(parser):
    parser.add_argument("--only", action="append", default=[], metavar="EXERCISE",
                        help="check only these exercises (repeatable)")
    parser.add_argument("--config", default=None, help="grading.toml to score with")


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    cfg = grading.load(args.config) if args.config else grading.load()
    wrongs = [w for w in discover() if not args.only or w.module in args.only]
    table = Table(title="仕込んだ誤答 / planted wrong answers")
    for column in ("exercise", "wrong answer", "mistake", "points lost", "caught"):
        table.add_column(column)
    caught = 0
    with tempfile.TemporaryDirectory() as tmp, HiddenRunner() as runner:
        for wrong in wrongs:
            outcomes = runner.run(materialize(wrong, Path(tmp) / wrong.slug), [wrong.module])
            lost = points_lost(wrong, outcomes, cfg)
            pending = all(r["outcome"] == "skipped" for r in outcomes.values())
            mark = "pending (GPU)" if pending else ("yes" if lost > 0 else "NO")
            caught += lost > 0
            table.add_row(wrong.module, wrong.slug, wrong.description,
                          f"{lost:g} / {cfg.exercises[wrong.module].total:g}", mark)
    console = Console()
    console.print(table)
    share = caught / len(wrongs) if wrongs else 1.0
    console.print(f"caught {caught} of {len(wrongs)} planted wrong answers ({share:.0%})")
    return 0 if caught == len(wrongs) else 1
