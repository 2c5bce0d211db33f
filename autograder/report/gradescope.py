"""results.json in Gradescope's autograder format (one entry per hidden test function)."""
from __future__ import annotations

from .result import fmt


def gradescope(result: dict) -> dict:
    tests = []
    for module, ex in result["exercises"].items():
        status = ex.get("status", "")
        if status != "graded":
            tests.append({"name": f"{module}", "score": 0.0, "max_score": ex["possible"],
                          "output": status, "visibility": "visible", "status": "failed"})
            continue
        for name, test in ex["tests"].items():
            output = "\n\n".join(c["message"] for c in test["cases"] if c["outcome"] != "passed" and c["message"])
            tests.append({"name": f"{module}: {name}", "score": test["earned"], "max_score": test["points"],
                          "output": output, "visibility": "visible",
                          "status": "passed" if test["earned"] >= test["points"] else "failed"})
    lines = [f"status: {result['status']}", f"total: {fmt(result['total'])} / {fmt(result['possible'])}"]
    if result.get("sandbox", {}).get("warning"):
        lines.append(f"WARNING: {result['sandbox']['warning']}")
    return {"score": result["total"], "execution_time": round(result.get("timing", {}).get("seconds", 0.0), 3),
            "output": "\n".join(lines), "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}
