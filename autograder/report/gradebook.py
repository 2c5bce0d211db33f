"""grades/gradebook.csv: one row per student, one column per exercise module.

Exercise and total columns hold numbers only (an LMS imports them); words go to the status
columns. The first row after the header, student ``(max)``, gives the maximum points.

    student, name, <exercise>..., total, status, <exercise>_status..., flags
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import status
from .result import MISSING, cell, fmt, load, status_word, write_atomic

MAX_ROW = "(max)"


def columns(exercises: list[str]) -> list[str]:
    return ["student", "name", *exercises, "total", "status", *(f"{m}_status" for m in exercises), "flags"]


def flags(person: dict | None) -> str:
    person = person or {}
    words = []
    if person.get("on_roster") is False:
        words.append("not on roster")
    if person.get("late"):
        words.append("late")
    return "; ".join(words)


def student_row(result: dict, exercises: list[str], person: dict | None = None) -> dict:
    row = {"student": result["student"], "name": (person or {}).get("name", "")}
    for module in exercises:
        ex = result["exercises"].get(module)
        row[module] = cell(ex)
        row[f"{module}_status"] = status_word(ex)
    whole_error = status.parse(result.get("status")).kind == status.ERROR and not any(
        e.get("status") == "graded" for e in result["exercises"].values())
    row["total"] = "" if whole_error else fmt(result["total"])
    row["status"] = result["status"]
    row["flags"] = flags(person)
    return row


def missing_row(student: str, exercises: list[str], person: dict | None = None) -> dict:
    """A roster's student with nothing handed in."""
    row = {"student": student, "name": (person or {}).get("name", ""), "total": "0", "status": MISSING,
           "flags": flags(person)}
    for module in exercises:
        row[module] = "0"
        row[f"{module}_status"] = MISSING
    return row


def max_row(maxima: dict[str, float]) -> dict:
    row = {"student": MAX_ROW, "name": "満点 / maximum points", "total": fmt(sum(maxima.values())), "status": "",
           "flags": ""}
    for module, value in maxima.items():
        row[module] = fmt(value)
        row[f"{module}_status"] = ""
    return row


def rows(results: list[dict], exercises: list[str], people: dict | None = None,
         missing: list[str] = ()) -> list[dict]:
    """Student rows sorted by id (the (max) row is not among them)."""
    people = people or {}
    out = [student_row(r, exercises, people.get(r["student"])) for r in results]
    out += [missing_row(s, exercises, people.get(s)) for s in missing]
    return sorted(out, key=lambda row: row["student"])


def write(out_dir: Path, students: list[str], exercises: list[str], maxima: dict[str, float] | None = None,
          people: dict | None = None, missing: list[str] = ()) -> list[dict]:
    """Rebuild the gradebook from every listed student's result.json (so a resumed
    or partial run never loses nor duplicates a row); returns the student rows."""
    results = [r for s in students if (r := load(out_dir / s / "result.json"))]
    table = rows(results, exercises, people, missing)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(exercises), lineterminator="\n")
    writer.writeheader()
    if maxima is not None:
        writer.writerow(max_row({m: maxima[m] for m in exercises}))
    writer.writerows(table)
    write_atomic(out_dir / "gradebook.csv", buffer.getvalue())
    return table


def read(out_dir: Path) -> tuple[dict | None, list[dict]]:
    """(the (max) row, the student rows) of a gradebook.csv."""
    with open(Path(out_dir) / "gradebook.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    maxima = next((r for r in table if r["student"] == MAX_ROW), None)
    return maxima, [r for r in table if r["student"] != MAX_ROW]


def write_summary(out_dir: Path, summary: dict) -> None:
    write_atomic(out_dir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
