"""The summary printed at the end of ``autograder grade``, fitted to the terminal.

In a log or a file (no terminal), one table as gradebook.csv has it, as wide as it needs.
In a terminal where every exercise column fits, that same table. In a narrower
terminal (80 columns, 13 exercises) two tables that need no more width whatever the number
of exercises: per student the total and what is wrong, and per exercise the class's mean
and counts. Nothing shrinks to nothing.
"""
from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table

from .result import fmt

PROBLEM_WORDS = ("error", "pending", "missing", "not started")
SHOWN_UNPLACED = 15


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def wide_table(rows: list[dict], exercises: list[str], title: str) -> Table:
    table = Table(title=title, caption="– : no file for this exercise / 未提出", box=box.SIMPLE_HEAD)
    table.add_column("student", no_wrap=True, overflow="ellipsis", max_width=24)
    for name in [*exercises, "total"]:
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True, overflow="ellipsis", max_width=45)
    for row in rows:
        cells = []
        for module in exercises:
            word = row.get(f"{module}_status", "")
            cells.append("–" if word == "missing" else (row[module] if word in ("graded", "not started", "")
                                                        else word))
        table.add_row(escape(row["student"]), *cells, row["total"], escape(row["status"]))
    return table


def _problems(row: dict, exercises: list[str]) -> str:
    """"error: losses; pending: cifar10; missing 3" for one student."""
    words: dict[str, list[str]] = {}
    for module in exercises:
        word = row.get(f"{module}_status", "")
        if word in PROBLEM_WORDS:
            words.setdefault(word, []).append(module)
    parts = []
    for word in ("error", "pending", "missing", "not started"):
        found = words.get(word, [])
        if not found:
            continue
        parts.append(f"{word}: {', '.join(found)}" if len(found) <= 2 else f"{word} ×{len(found)}")
    return "; ".join(parts)


def student_table(rows: list[dict], exercises: list[str], possible: float, title: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("student", no_wrap=True, overflow="ellipsis", min_width=7, max_width=30)
    table.add_column("total", justify="right", no_wrap=True, min_width=len(f"{fmt(possible)}/{fmt(possible)}"))
    table.add_column("status", no_wrap=True, overflow="ellipsis", min_width=7, max_width=16)
    table.add_column("what is not graded / 採点されていない課題", overflow="fold", ratio=1)
    for row in rows:
        total = f"{row['total']}/{fmt(possible)}" if row["total"] != "" else "–"
        who = f"{row['student']} {row.get('name', '')}".strip()
        table.add_row(escape(who), total, escape(row["status"].split(" / ")[0]),
                      _problems(row, exercises))
    return table


def exercise_table(rows: list[dict], exercises: list[str], maxima: dict[str, float]) -> Table:
    table = Table(title="exercises / 課題ごと", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in [("exercise", "left"), ("max", "right"), ("mean", "right"), ("graded", "right"),
                          ("not st.", "right"), ("error", "right"), ("pending", "right"), ("missing", "right")]:
        table.add_column(name, justify=justify, no_wrap=True)
    for module in exercises:
        words = [row.get(f"{module}_status", "") for row in rows]
        points = [n for row in rows if row.get(f"{module}_status") == "graded"
                  and (n := _number(row[module])) is not None]
        mean = fmt(sum(points) / len(points)) if points else "–"
        table.add_row(module, fmt(maxima.get(module)), mean, str(words.count("graded")),
                      str(words.count("not started")), str(words.count("error")), str(words.count("pending")),
                      str(words.count("missing")))
    table.caption = "mean over graded work; not st. = 未着手 / not started"
    return table


def fits(console: Console, table: Table) -> bool:
    """Whether every cell shows in full (rich would shrink columns to fit, down to nothing)."""
    return Measurement.get(console, console.options.update_width(10_000), table).maximum <= console.width


def print_gradebook(console: Console, rows: list[dict], exercises: list[str], maxima: dict[str, float],
                    title: str) -> None:
    wide = wide_table(rows, exercises, title)
    if not console.is_terminal:
        # A log or a file has no width of its own: one line per student, however many exercises.
        needed = Measurement.get(console, console.options.update_width(10_000), wide).maximum
        width, console.width = console.width, max(console.width, needed)
        try:
            console.print(wide)
        finally:
            console.width = width
        return
    if fits(console, wide):
        console.print(wide)
        return
    console.print(student_table(rows, exercises, sum(maxima.values()), title))
    console.print(exercise_table(rows, exercises, maxima))


def print_people(console: Console, summary: dict) -> None:
    """What a person must look at: files that belong to no student, the roster's gaps."""
    unplaced = summary.get("unplaced") or []
    if unplaced:
        lines = [escape(f"{u['path']}  ({u['reason']})") for u in unplaced[:SHOWN_UNPLACED]]
        if len(unplaced) > SHOWN_UNPLACED:
            lines.append(f"… and {len(unplaced) - SHOWN_UNPLACED} more (summary.json: unplaced)")
        console.print(Panel("\n".join(lines), title=f"NOT GRADED: {len(unplaced)} file(s) belong to no student / "
                                                    f"どの学生にも割り当てられないファイル",
                            border_style="red bold"))
    roster = summary.get("roster") or {}
    if roster.get("not_on_roster"):
        console.print(Panel(escape(", ".join(roster["not_on_roster"])), border_style="yellow",
                            title=f"not on the roster / 名簿にない提出: {len(roster['not_on_roster'])}"))
    if roster.get("missing"):
        console.print(Panel(escape(", ".join(roster["missing"])), border_style="yellow",
                            title=f"on the roster, nothing handed in / 未提出: {len(roster['missing'])}"))
