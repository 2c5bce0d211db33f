"""Grade-import CSV files for an LMS, from the results on disk.

Moodle: the assignment's offline grading worksheet ("Upload grading worksheet", with the
"Offline grading worksheet" feedback type on). Rows are matched by "Identifier" =
"Participant <id>", the id in the names of Moodle's submission download; "Grade" is the
grade, "Feedback comments" goes to the feedback comments. The same file also serves
the gradebook's "Import > CSV file", mapping "Email address" to the user's email.

Canvas: the gradebook's "Import" CSV: "Student", "ID" (Canvas's user id, the number in its
submission download's names), "SIS User ID", "SIS Login ID", "Section", then one column
per assignment, headed by its name as Canvas's own export writes it ("Exercises (1234)"),
and a "Points Possible" row.

A student whose work could not be graded gets no grade (an empty cell, which both LMSs
leave alone), never a 0; so does one on the roster who handed in nothing, unless asked.
"""
from __future__ import annotations

import csv
import io
import datetime as dt
from dataclasses import dataclass, field

from .result import fmt, status_word

FORMATS = ("moodle", "canvas")
MOODLE_COLUMNS = ["Identifier", "Full name", "Email address", "Grade", "Maximum Grade", "Last modified (grade)",
                  "Feedback comments"]
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@dataclass
class Export:
    text: str
    rows: int
    no_grade: list[str] = field(default_factory=list)      # students left without a grade, and why
    incomplete: list[str] = field(default_factory=list)    # graded, but some exercise is pending or an error
    not_graded: list[str] = field(default_factory=list)    # found in SUBMISSIONS but not graded yet: no row
    unmatched: list[str] = field(default_factory=list)     # rows the LMS cannot match by its own id


def _grade(result: dict | None, possible: float, scale: float | None, missing_zero: bool) -> tuple[str, str]:
    """(grade cell, why there is none)."""
    if result is None:
        return ("0", "") if missing_zero else ("", "nothing handed in")
    if result.get("error") or not any(e.get("status") == "graded" for e in result["exercises"].values()):
        return "", str(result.get("status", "error"))[:120]
    total = float(result["total"])
    if scale:
        total = total / possible * scale if possible else 0.0
    return fmt(round(total, 2)), ""


def _comment(result: dict | None, exercises: list[str], maxima: dict) -> str:
    if result is None:
        return "未提出 / nothing handed in"
    if result.get("error"):
        return f"採点できませんでした / could not be graded: {result['error']}"[:500]
    parts = []
    for module in exercises:
        ex = result["exercises"].get(module)
        word = status_word(ex)
        if word in ("graded", "not started"):
            parts.append(f"{module} {fmt(ex['points'])}/{fmt(maxima.get(module))}")
        elif word:
            parts.append(f"{module} {word}")
    return f"total {fmt(result['total'])}/{fmt(sum(maxima.values()))}: " + ", ".join(parts)


def export(fmt_name: str, summary: dict, results: dict[str, dict], *, scale: float | None = None,
           missing_zero: bool = False, assignment: str = "Autograder", now: dt.datetime | None = None) -> Export:
    if fmt_name not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    people = summary.get("people") or {s: {} for s in results}
    exercises = summary.get("exercises", [])
    maxima = summary.get("maxima", {})
    possible = float(summary.get("possible", sum(maxima.values())))
    shown_max = fmt(scale if scale else possible)
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    out = Export("", 0)
    if fmt_name == "moodle":
        writer.writerow(MOODLE_COLUMNS)
    else:
        writer.writerow([*CANVAS_COLUMNS, assignment])
        writer.writerow(["Points Possible", "", "", "", "", shown_max])
    on_roster_only = set((summary.get("roster") or {}).get("missing", []))
    for student in sorted(people):
        person = people[student] or {}
        result = results.get(student)
        if result is None and student not in on_roster_only:
            out.not_graded.append(student)
            continue
        grade, why = _grade(result, possible, scale, missing_zero)
        if why:
            out.no_grade.append(f"{student}: {why}")
        elif result is not None and any(status_word(result["exercises"].get(m)) in ("pending", "error")
                                        for m in exercises):
            out.incomplete.append(f"{student}: {result['status'][:80]}")
        extra = person.get("extra") or {}
        lms = person.get("lms", "")
        if fmt_name == "moodle":
            identifier = f"Participant {student}" if lms == "moodle" else ""
            if not identifier:
                out.unmatched.append(student)
            writer.writerow([identifier, person.get("name", ""), person.get("email", ""), grade, shown_max,
                             stamp if grade else "", _comment(result, exercises, maxima)])
        else:
            canvas_id = student if lms == "canvas" else extra.get("ID", "")
            if not canvas_id and not extra.get("SIS User ID"):
                out.unmatched.append(student)
            writer.writerow([person.get("name", "") or student, canvas_id, extra.get("SIS User ID", ""),
                             extra.get("SIS Login ID", "") or ("" if canvas_id else student),
                             extra.get("Section", ""), grade])
        out.rows += 1
    out.text = buffer.getvalue()
    return out
