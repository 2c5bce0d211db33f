"""autograder grade SUBMISSIONS/: grade a class against the hidden suites."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..paths import GRADING_TOML

HELP = "提出物を一括採点 / grade a class's submissions with the hidden suites"


def add_arguments(parser):
    parser.add_argument("submissions", type=Path,
                        help="a folder or .zip: one folder or .zip per student, nbgrader's course folder, "
                             "or a Moodle / Canvas bulk download (zipped or unpacked)")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="where reports go (default: grades/)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="judge processes (default: cores); with --cluster each worker's threads decide")
    parser.add_argument("--only", action="append", default=[], metavar="EXERCISE",
                        help="grade only this exercise (repeatable); merged into existing results")
    parser.add_argument("--student", action="append", default=[], metavar="ID", help="grade only this student")
    parser.add_argument("--force", action="store_true", help="regrade even when results are up to date")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--config", type=Path, default=GRADING_TOML, help="grading.toml")
    parser.add_argument("--sandbox", choices=["auto", "bubblewrap", "none"], default="auto",
                        help="auto or bubblewrap: stop with an error when bubblewrap cannot be used; none: a plain "
                             "process with resource limits only (said loudly in the output and in every result)")
    parser.add_argument("--roster", type=Path, help="class list CSV (id, name, email): absent students get a "
                        "'missing' row, submissions not on it are flagged")
    parser.add_argument("--pattern", metavar="REGEX", help="file-name pattern placing an LMS download's files, "
                        "with (?P<student_id>...) and optionally (?P<file_id>...), (?P<name>...) "
                        "(default: grading.toml's course.submission_pattern)")
    parser.add_argument("--cluster", metavar="ADDRESS", help="grade on Dask: a running scheduler (tcp://HOST:8786, "
                        "or its --scheduler-file), or local:N for a local cluster of N workers; GPU exercises go to "
                        "workers started with --resources GPU=1")


def run(args) -> int:
    from ..grade.batch import Interrupted
    try:
        return _run(args)
    except Interrupted as exc:   # the batch stopped its judges and rebuilt the gradebook
        print(str(exc), flush=True)
        return 130
    except KeyboardInterrupt:   # before the batch started or after it ended
        print("interrupted: 0 graded, run again to resume", flush=True)
        return 130


def _run(args) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from ..grade.batch import Batch, BatchError, Options

    console = Console(stderr=False, highlight=False)
    if not console.is_terminal:  # logs and CI: wide enough for one line per student
        console.width = max(console.width, 250)
    options = Options(submissions=args.submissions, out=args.out, jobs=max(1, args.jobs), only=args.only,
                      students=args.student, force=args.force, device=args.device, config=args.config,
                      sandbox=args.sandbox, roster=args.roster, pattern=args.pattern, cluster=args.cluster)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[last]}"), console=console, transient=False)
    task = None

    def on_event(kind, *rest):
        if kind == "warning":
            progress.console.print(Panel(f"[bold]{rest[0]}[/bold]", title="SANDBOX WARNING / 警告",
                                         border_style="red bold"))
        elif kind == "note":
            progress.console.print(f"[yellow]{escape(rest[0])}[/yellow]")
        elif kind == "done" and task is not None:
            outcome = rest[1]
            tag = "(cached)" if outcome.state == "cached" else outcome.result["status"][:40]
            progress.update(task, advance=1, last=escape(f"{outcome.student}: {tag}"))

    try:
        batch = Batch(options, on_event=on_event)
    except BatchError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        return 2
    if batch.classlist.unplaced:
        console.print(f"[red bold]{len(batch.classlist.unplaced)} file(s) belong to no student[/red bold] "
                      "(listed at the end and in summary.json)")
    with progress:
        task = progress.add_task("採点中 / grading", total=len(batch.students), last="")
        try:
            outcomes = batch.run()
        except BatchError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            return 2

    from ..report import class_report, status, terminal
    terminal.print_gradebook(console, batch.table, batch.exercises,
                             {m: batch.cfg.exercises[m].total for m in batch.exercises},
                             f"gradebook: {Path(options.out) / 'gradebook.csv'} (full reasons there)")
    summary_data = json.loads((Path(options.out) / "summary.json").read_text(encoding="utf-8"))
    terminal.print_people(console, summary_data)
    report_path = class_report.write(Path(options.out))
    summary = Table(title="summary / 集計")
    summary.add_column("")
    summary.add_column("")
    counts = status.count(row["status"] for row in batch.table)
    graded = sum(1 for o in outcomes if o.state == "graded")
    summary.add_row("students / 学生", str(len(batch.table)))
    summary.add_row("graded now / 今回採点", str(graded))
    summary.add_row("up to date (skipped) / 採点済み", str(len(outcomes) - graded))
    for key in ("graded", "partial", "pending", "error", "missing"):
        summary.add_row(f"status {key}", str(counts.get(key, 0)))
    summary.add_row("sandbox", batch.sandbox_kind)
    summary.add_row("memory cap", batch.memory_cap or "–")
    summary.add_row("device", batch.device)
    if options.cluster:
        summary.add_row("cluster (Dask)", options.cluster)
    if batch.sandbox_warning:
        summary.add_row("[red bold]WARNING[/red bold]", f"[red]{batch.sandbox_warning}[/red]")
    summary.add_row("class report / 全体レポート", str(report_path))
    console.print(summary)
    return 0
