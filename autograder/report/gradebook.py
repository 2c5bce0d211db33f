"""grades/gradebook.csv: one row per student, one column per exercise module."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .result import cell, fmt, load, write_atomic


def rows(results: list[dict], exercises: list[str]) -> list[dict]:
    out = []
    for result in sorted(results, key=lambda r: r["student"]):
        row = {"student": result["student"]}
        for module in exercises:
            row[module] = cell(result["exercises"].get(module))
        row["total"] = fmt(result["total"])
        row["status"] = result["status"]
        out.append(row)
    return out


def write(out_dir: Path, students: list[str], exercises: list[str]) -> list[dict]:
    """Rebuild the gradebook from every listed student's result.json (so a resumed
    or partial run never loses nor duplicates a row)."""
    results = [r for s in students if (r := load(out_dir / s / "result.json"))]
    table = rows(results, exercises)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["student", *exercises, "total", "status"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    write_atomic(out_dir / "gradebook.csv", buffer.getvalue())
    return table


def write_summary(out_dir: Path, summary: dict) -> None:
    write_atomic(out_dir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
