"""autograder wrong-answers: grade every planted mistake with the hidden suites and the
visible self-checks, and report both shares caught. Mistakes in different exercises are
graded side by side, one submission holding one mistake per exercise."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .. import config as grading
from ..author.wrong_answers import (discover, materialize, outcomes_of, shares, side_by_side, verdict,
                                   write_solution_copy)
from ..grade.hidden_runner import HiddenRunner, only

HELP = ("仕込んだ誤答が隠しテストと自己チェックで見つかる割合 / "
        "share of planted wrong answers the hidden suites and the visible self-checks catch")


def add_arguments(parser):
    parser.add_argument("--only", action="append", default=[], metavar="EXERCISE",
                        help="check only these exercises (repeatable)")
    parser.add_argument("--config", default=None, help="grading.toml to score with")
    parser.add_argument("--min-hidden", type=float, default=100.0, metavar="PERCENT",
                        help="fail below this share caught by the hidden suites (default 100)")
    parser.add_argument("--min-visible", type=float, default=90.0, metavar="PERCENT",
                        help="fail below this share caught by a visible self-check (default 90)")
    parser.add_argument("--device", default="cpu", help="device for GPU exercises (default cpu)")


def _mark(caught: bool, pending: bool = False) -> str:
    return "pending (GPU)" if pending else ("yes" if caught else "NO")


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # a log or a pipe: one row per line rather than 80 columns
        console = Console(width=200)
    cfg = grading.load(args.config) if args.config else grading.load()
    wrongs = [w for w in discover() if not args.only or w.module in args.only]
    modules = sorted({w.module for w in wrongs})
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp, HiddenRunner(device=args.device, warm=cfg.warm(modules)) as runner:
        # A runner that failed everything would make every mistake look caught: the solutions
        # must first pass every hidden test and every visible check through it.
        solutions = Path(tmp) / "solutions"
        write_solution_copy(solutions)
        baseline = runner.run(solutions, modules, visible=True)
        broken = sorted(n for n, r in baseline.items() if r["outcome"] == "failed")
        hidden_ran = {m for m in modules if any(f"test_{m}.py::" in n for n in only(baseline, "hidden"))}
        if broken or hidden_ran != set(modules):
            console.print("[red]the solutions do not pass through the runner; nothing was graded:[/red]")
            for nodeid in broken:
                console.print(f"  {nodeid}: {baseline[nodeid]['message'].splitlines()[0] if baseline[nodeid]['message'] else ''}")
            for module in sorted(set(modules) - hidden_ran):
                console.print(f"  {module}: no hidden test ran")
            return 2
        for i, group in enumerate(side_by_side(wrongs)):
            outcomes = runner.run(materialize(group, Path(tmp) / f"round-{i}"), [w.module for w in group],
                                  visible=True)
            verdicts += [verdict(wrong, outcomes_of(wrong.module, outcomes), cfg) for wrong in group]
        verdicts.sort(key=lambda v: wrongs.index(v.wrong))

    table = Table(title="仕込んだ誤答 / planted wrong answers")
    for column in ("exercise", "wrong answer", "mistake", "points lost", "hidden", "visible"):
        table.add_column(column)
    for v in verdicts:
        table.add_row(v.wrong.module, v.wrong.slug, v.wrong.description, f"{v.lost:g} / {v.possible:g}",
                      _mark(v.hidden_caught, v.pending), _mark(v.visible_caught))
    console.print(table)
    hidden, visible, counted = shares(verdicts)
    pending = len(verdicts) - counted
    console.print(f"hidden suites caught {sum(v.hidden_caught for v in verdicts if not v.pending)} of {counted} "
                  f"planted wrong answers ({hidden:.0%}); visible self-checks caught "
                  f"{sum(v.visible_caught for v in verdicts if not v.pending)} of {counted} ({visible:.0%})"
                  + (f"; {pending} pending (GPU)" if pending else ""))
    console.print(f"shares: hidden {hidden:.1%}, visible {visible:.1%} "
                  f"(required: hidden ≥ {args.min_hidden:g}%, visible ≥ {args.min_visible:g}%)")
    ok = hidden * 100 >= args.min_hidden - 1e-9 and visible * 100 >= args.min_visible - 1e-9
    return 0 if ok else 1
