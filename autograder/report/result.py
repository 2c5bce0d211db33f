"""result.json: one student's grade, built from the judge's per-test outcomes.

The schema is described in RESULT_SCHEMA.md next to this file.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .. import config as grading
from ..paths import HIDDEN_TESTS
from . import status

SCHEMA = 1
MESSAGE_LIMIT = 2000


# -- atomic files ------------------------------------------------------------------
def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` holds either the old or the new content, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def load(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA else None


# -- messages: what the student may see ------------------------------------------------
_source_lines: dict[str, set[str]] = {}


def _hidden_lines(module: str) -> set[str]:
    if module not in _source_lines:
        try:
            text = (HIDDEN_TESTS / f"test_{module}.py").read_text(encoding="utf-8")
        except OSError:
            text = ""
        _source_lines[module] = {line.strip() for line in text.splitlines() if len(line.strip()) >= 8}
    return _source_lines[module]


def clean_message(message: str, module: str) -> str:
    """The test's own failure message, without any line of the hidden test's source
    (pytest's long reports quote source lines; a test's message never needs them)."""
    hidden = _hidden_lines(module)
    lines = []
    for line in str(message).splitlines():
        stripped = line.strip()
        if grading.parse_nodeid(stripped):  # the test's node id, already the heading
            continue
        if stripped in hidden or re.match(r"^(>|E )\s", line) or stripped.startswith("def test_"):
            continue
        lines.append(line.rstrip())
    text = "\n".join(lines).strip()
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + " …"


# -- one exercise ---------------------------------------------------------------------
def exercise_result(exercise: grading.Exercise, outcomes: dict[str, dict], key: str) -> dict:
    """Points, status and per-test details for one exercise from the collector's outcomes."""
    mine = {nodeid: r for nodeid, r in outcomes.items()
            if (parsed := grading.parse_nodeid(nodeid)) and parsed[0] == exercise.name}
    base = {"key": key, "possible": exercise.total, "title_ja": exercise.title_ja, "title_en": exercise.title_en}
    if not mine:
        return {**base, "status": str(status.error("採点用テストが実行されませんでした / the hidden suite did not run")),
                "points": None, "tests": {}}
    pending = [r["pending"] for r in mine.values() if r.get("outcome") == "skipped" and r.get("pending")]
    ran = [r for r in mine.values() if r.get("outcome") != "skipped"]
    untouched = bool(ran) and all(r.get("outcome") == "failed" and r.get("not_started") for r in ran)
    if pending and not untouched:
        return {**base, "status": str(status.pending(pending[0])), "points": None, "tests": {}}
    # An untouched stub is "not started" on any device: what could not run here would fail as well.
    scored = grading.score(exercise, {n: r.get("outcome", "failed") for n, r in mine.items()})
    tests = {}
    for name, info in scored.tests.items():
        cases = []
        for nodeid, r in sorted(mine.items()):
            parsed = grading.parse_nodeid(nodeid)
            if parsed[1] != name:
                continue
            cases.append({"case": parsed[2], "outcome": r.get("outcome"),
                          "not_started": bool(r.get("not_started")),
                          "message": "" if r.get("outcome") == "passed"
                          else clean_message(r.get("message", ""), exercise.name)})
        tests[name] = {**info, "cases": cases}
    not_started = untouched or (
        all(c["not_started"] for t in tests.values() for c in t["cases"] if c["outcome"] != "passed")
        and scored.earned == 0 and any(t["cases"] for t in tests.values()))
    return {**base, "status": status.GRADED, "points": scored.earned, "not_started": not_started, "tests": tests}


def simple_exercise(exercise: grading.Exercise, state: status.Status | str, key: str, points=None) -> dict:
    return {"key": key, "possible": exercise.total, "title_ja": exercise.title_ja, "title_en": exercise.title_en,
            "status": str(state), "points": points, "tests": {}}


MISSING = status.MISSING
NOT_GRADED = status.NOT_GRADED


# -- the student --------------------------------------------------------------------
def student_status(result: dict, order: list[str]) -> str:
    if result.get("error"):
        return str(status.error(result["error"]))
    statuses = [status.parse(result["exercises"].get(m, {}).get("status", NOT_GRADED)) for m in order]
    errors = [s for s in statuses if s.kind == status.ERROR]
    graded = [s for s in statuses if s.kind == status.GRADED]
    if errors and not graded:
        return str(errors[0])
    if errors or any(s.kind in (MISSING, NOT_GRADED) for s in statuses):
        return status.PARTIAL
    pending = [s for s in statuses if s.kind == status.PENDING]
    return str(pending[0]) if pending else status.GRADED


def totals(result: dict, cfg: grading.GradingConfig) -> tuple[float, float]:
    earned = sum(e["points"] or 0.0 for e in result["exercises"].values() if e.get("status") == "graded")
    return round(earned, 6), cfg.total


def status_word(exercise: dict | None) -> str:
    """One word for an exercise's state: graded, not started, missing, error, pending, not graded."""
    if exercise is None:
        return ""
    kind = status.parse(exercise.get("status", "")).kind
    if kind == status.GRADED:
        return "not started" if exercise.get("not_started") else status.GRADED
    return kind


def cell(exercise: dict | None) -> str:
    """A gradebook cell: a number or nothing. Missing work is 0; an error, pending or ungraded
    exercise has no number (never a bare 0): its word is in the status column."""
    if exercise is None:
        return ""
    if exercise.get("status") == "graded":
        return fmt(exercise["points"])
    if exercise.get("status") == MISSING:
        return "0"
    return ""


def fmt(value) -> str:
    if value is None:
        return ""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"
