"""feedback.md and feedback.html for one student, in Japanese and English.

Only what result.json holds is shown: points, statuses and each failed test's
own message (which carries its hint). Hidden test source never gets here.
"""
from __future__ import annotations

import html

from .result import fmt
from .status import ERROR, PENDING
from .status import parse as parse_status

STATUS_WORDS = {
    "graded": ("採点済み", "graded"),
    "missing": ("未提出", "not submitted"),
    "not graded": ("未採点", "not graded"),
}


def _status_text(status: str, not_started: bool = False) -> str:
    if status == "graded" and not_started:
        return "未着手 / not started"
    if status in STATUS_WORDS:
        return " / ".join(STATUS_WORDS[status])
    state = parse_status(status)
    if state.kind == PENDING:
        return f"保留 / pending: {state.reason}"
    if state.kind == ERROR:
        return f"採点不能 / cannot be graded: {state.reason}"
    return status


def _sections(result: dict):
    """(heading, points line, [(test name, lost, message)]) per exercise."""
    for module, ex in result["exercises"].items():
        heading = f"{ex.get('title_ja', module)} / {ex.get('title_en', module)} (`{module}`)"
        status = ex.get("status", "")
        points = f"{fmt(ex['points']) if ex.get('points') is not None else '—'} / {fmt(ex['possible'])}"
        failed = []
        for name, test in ex.get("tests", {}).items():
            if test["earned"] >= test["points"]:
                continue
            messages = [c["message"] for c in test["cases"] if c["outcome"] != "passed" and c["message"]]
            shown = list(dict.fromkeys(messages))[:3]  # parametrized cases often repeat one message
            failed.append((name, f"{test['passed']}/{test['total']}", fmt(test["points"] - test["earned"]),
                           "\n\n".join(shown) or "不合格 / failed"))
        yield module, heading, points, _status_text(status, ex.get("not_started", False)), failed


def markdown(result: dict) -> str:
    out = [f"# 採点結果 / Grading report: {result['student']}", "",
           f"- 合計 / total: **{fmt(result['total'])} / {fmt(result['possible'])}**",
           f"- 状態 / status: {result['status']}"]
    if result.get("error"):
        out.append(f"- 理由 / reason: {result['error']}")
    if result.get("sandbox", {}).get("warning"):
        out.append(f"- 注意 / warning: {result['sandbox']['warning']}")
    out.append("")
    for module, heading, points, status, failed in _sections(result):
        out += [f"## {heading}", "", f"- 得点 / points: {points}", f"- 状態 / status: {status}", ""]
        for name, passed, lost, message in failed:
            out += [f"### ✗ `{name}` (−{lost}, {passed} 合格 / passed)", "", "```text", message.replace("```", "'''"),
                    "```", ""]
    return "\n".join(out).rstrip() + "\n"


CSS = ("body{font-family:system-ui,'Hiragino Sans','Noto Sans JP',sans-serif;max-width:56rem;margin:2rem auto;"
       "padding:0 1rem}pre{background:#f5f5f5;padding:.75rem;white-space:pre-wrap}"
       ".fail{color:#a00}.ok{color:#070}")


def html_page(result: dict) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
           f"<title>採点結果 / Grading report: {e(result['student'])}</title><style>{CSS}</style></head><body>",
           f"<h1>採点結果 / Grading report: {e(result['student'])}</h1><ul>",
           f"<li>合計 / total: <strong>{e(fmt(result['total']))} / {e(fmt(result['possible']))}</strong></li>",
           f"<li>状態 / status: {e(result['status'])}</li>"]
    if result.get("error"):
        out.append(f"<li>理由 / reason: {e(result['error'])}</li>")
    if result.get("sandbox", {}).get("warning"):
        out.append(f"<li class=fail>注意 / warning: {e(result['sandbox']['warning'])}</li>")
    out.append("</ul>")
    for module, heading, points, status, failed in _sections(result):
        klass = "ok" if not failed and status.startswith("採点済み") else "fail"
        out += [f"<h2>{e(heading.replace('`', ''))}</h2>",
                f"<p class={klass}>得点 / points: {e(points)} — {e(status)}</p>"]
        for name, passed, lost, message in failed:
            out += [f"<h3 class=fail>✗ {e(name)} (−{e(lost)}, {e(passed)} 合格 / passed)</h3>",
                    f"<pre>{e(message)}</pre>"]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
