"""results.json in Gradescope's autograder format (one entry per hidden test function).

The same failures, folded the same way, as feedback.md: an untouched exercise is one entry,
identical messages of a test's cases are shown once with "×N", and the total counts only the
exercises graded (pending or ungradable work is listed, without points).
"""
from __future__ import annotations

from .feedback import _more, _status_text, fold, scope, total_lines


def _output(messages: list[tuple[str, int]], more: int = 0) -> str:
    parts = [message + (f"\n(×{count})" if count > 1 else "") for message, count in messages]
    if more:
        parts.append(_more(more))
    return "\n\n".join(parts)


def gradescope(result: dict) -> dict:
    tests = []
    for module, ex in result["exercises"].items():
        status = ex.get("status", "")
        if status == "missing":
            tests.append({"name": f"{module}", "score": 0.0, "max_score": ex["possible"],
                          "output": _status_text(status), "visibility": "visible", "status": "failed"})
            continue
        if status != "graded":   # pending or ungradable: not counted, so no points either way
            tests.append({"name": f"{module}", "score": 0.0, "max_score": 0.0, "output": _status_text(status),
                          "visibility": "visible"})
            continue
        if ex.get("not_started"):
            tests.append({"name": f"{module}", "score": 0.0, "max_score": ex["possible"],
                          "output": _status_text(status, True) + ": まだ NotImplementedError を送出しています / "
                                    "still raises NotImplementedError",
                          "visibility": "visible", "status": "failed"})
            continue
        for name, test in ex["tests"].items():
            messages = fold([c["message"] or "不合格 / failed" for c in test["cases"] if c["outcome"] != "passed"])
            tests.append({"name": f"{module}: {name}", "score": test["earned"], "max_score": test["points"],
                          "output": _output(messages[:3], max(0, len(messages) - 3)), "visibility": "visible",
                          "status": "passed" if test["earned"] >= test["points"] else "failed"})
    lines = [f"status: {result['status']}", *total_lines(result)]
    if result.get("sandbox", {}).get("warning"):
        lines.append(f"WARNING: {result['sandbox']['warning']}")
    return {"score": scope(result).earned, "execution_time": round(result.get("timing", {}).get("seconds", 0.0), 3),
            "output": "\n".join(lines), "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}

