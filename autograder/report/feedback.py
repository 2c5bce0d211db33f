"""feedback.md and feedback.html for one student, in Japanese and English.

Only what result.json holds is shown: points, statuses and each failed test's
own message (which carries its hint). Hidden test source never gets here.

What a student reads, top to bottom: the total, over the exercises graded (and which those are,
and which are not counted and why); how to read the headings, once; then one section per
exercise. An untouched exercise (every test still raises the stub's NotImplementedError) is
one line; so are tests that failed only because a function is not started yet. A test's
cases that failed with one message show it once, with "×3".
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from .result import fmt
from .status import ERROR, PENDING
from .status import parse as parse_status

STATUS_WORDS = {
    "graded": ("採点済み", "graded"),
    "missing": ("未提出", "not submitted"),
    "not graded": ("未採点", "not graded"),
}
COUNTED = ("graded", "missing")   # these earn points or lose them; the rest is not counted
SHOWN_MESSAGES = 3
NOT_STARTED = ("未着手", "not started")
LEGEND = ("読み方: 課題ごとの得点と、点を失ったテストごとの理由です。見出し「✗ test_name (−2, 0/1 合格 / passed)」は、"
          "そのテストで 2 点を失い、1 ケース中 0 ケースが合格したという意味です(ケース: 同じテストを別の入力で"
          "行ったもの。点はケースで分けます)。「×3」は同じメッセージの 3 ケース、"
          "「未着手」はまだ NotImplementedError を送出している関数です。",
          "How to read this: each exercise's points, then every test that lost points, with why. A heading "
          "\"✗ test_name (−2, 0/1 合格 / passed)\" means that test cost 2 points and 0 of its 1 cases passed "
          "(cases: the same test on other inputs; they share its points). \"×3\": the same message for 3 cases. "
          "\"not started\": the function still raises NotImplementedError.")


def _status_text(status: str, not_started: bool = False) -> str:
    if status == "graded" and not_started:
        return " / ".join(NOT_STARTED)
    if status in STATUS_WORDS:
        return " / ".join(STATUS_WORDS[status])
    state = parse_status(status)
    if state.kind == PENDING:
        return f"保留 / pending: {state.reason}"
    if state.kind == ERROR:
        return f"採点不能 / cannot be graded: {state.reason}"
    return status


# -- the total -------------------------------------------------------------------------------
@dataclass
class Scope:
    """What a total covers: the exercises that earned or lost points in this report."""
    earned: float = 0.0
    possible: float = 0.0
    counted: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)            # kept from an earlier run (--only)
    left_out: list[tuple[str, str, float]] = field(default_factory=list)   # (exercise, status, points)


def scope(result: dict) -> Scope:
    """The total and its maximum over what was graded (graded or missing work), never over
    exercises this report has no grade for (pending, errors, or not graded in this run)."""
    out = Scope()
    started = str(result.get("timing", {}).get("started", ""))
    for module, ex in result.get("exercises", {}).items():
        status = str(ex.get("status", ""))
        if status in COUNTED:
            out.counted.append(module)
            out.earned += float(ex.get("points") or 0.0)
            out.possible += float(ex.get("possible") or 0.0)
            if started and ex.get("graded_at") and str(ex["graded_at"]) != started:
                out.earlier.append(module)
        else:
            out.left_out.append((module, status, float(ex.get("possible") or 0.0)))
    out.earned, out.possible = round(out.earned, 6), round(out.possible, 6)
    return out


def _names(modules: list[str], limit: int = 8) -> str:
    return ", ".join(modules) if len(modules) <= limit else ", ".join(modules[:limit]) + f", … (+{len(modules) - limit})"


def total_lines(result: dict) -> list[str]:
    """The total in words: what it counts, what it leaves out and why."""
    s = scope(result)
    n = len(s.counted)
    lines = [f"合計 / total: {fmt(s.earned)} / {fmt(s.possible)}"]
    if n:
        lines.append(f"採点した {n} 課題の合計です / over the {n} exercise{'s' if n != 1 else ''} graded: "
                     f"{_names(s.counted)}")
    else:
        lines.append("採点できた課題はありません / no exercise could be graded")
    if s.earlier:
        lines.append(f"うち前回の採点のまま / of which kept from an earlier run: {_names(s.earlier)}")
    if s.left_out:
        parts = [f"{m} ({_status_text(st).split(':')[0]}, {fmt(p)})" for m, st, p in s.left_out]
        lines.append(f"合計に含まない / not counted: {', '.join(parts)}")
    return lines


# -- the exercises ----------------------------------------------------------------------------
@dataclass
class Failure:
    name: str
    passed: str           # "0/3"
    lost: str             # "2"
    messages: list[tuple[str, int]]   # (message, how many cases gave it)
    more: int = 0         # distinct messages not shown


@dataclass
class Section:
    module: str
    heading: str
    points: str
    status: str
    untouched: bool
    failures: list[Failure]
    not_started: list[tuple[str, list[str], str]]   # (function, tests, points lost)


_WHERE_FUNCTION = re.compile(r"\((?:[^()]*\()?([A-Za-z_][\w.]*)\)\)?\s*$")


def _not_started_function(message: str) -> str:
    """"relu" from "... still raises NotImplementedError (activations.py:64 (relu))"."""
    match = _WHERE_FUNCTION.search(message.strip().splitlines()[0] if message.strip() else "")
    return match.group(1) if match else ""


def fold(messages: list[str]) -> list[tuple[str, int]]:
    """Identical messages once each, with how many cases gave them, in order of appearance."""
    return list(Counter(messages).items())


def sections(result: dict) -> list[Section]:
    out = []
    for module, ex in result["exercises"].items():
        heading = f"{ex.get('title_ja', module)} / {ex.get('title_en', module)} (`{module}`)"
        status = str(ex.get("status", ""))
        untouched = status == "graded" and bool(ex.get("not_started"))
        points = f"{fmt(ex['points']) if ex.get('points') is not None else '—'} / {fmt(ex['possible'])}"
        failures, not_started = [], {}
        for name, test in ({} if untouched else ex.get("tests", {})).items():
            if test["earned"] >= test["points"]:
                continue
            failed = [c for c in test["cases"] if c["outcome"] != "passed"]
            lost = fmt(test["points"] - test["earned"])
            if failed and all(c.get("not_started") for c in failed):
                function = _not_started_function(failed[0].get("message", "")) or "?"
                entry = not_started.setdefault(function, ([], 0.0))
                not_started[function] = (entry[0] + [name], entry[1] + test["points"] - test["earned"])
                continue
            messages = fold([c["message"] or "不合格 / failed" for c in failed]) or [("不合格 / failed", 1)]
            failures.append(Failure(name, f"{test['passed']}/{test['total']}", lost, messages[:SHOWN_MESSAGES],
                                    max(0, len(messages) - SHOWN_MESSAGES)))
        out.append(Section(module, heading, points, _status_text(status, untouched), untouched, failures,
                           [(f, tests, fmt(lost)) for f, (tests, lost) in not_started.items()]))
    return out


def _times(count: int) -> str:
    return f" (×{count})" if count > 1 else ""


def _more(count: int) -> str:
    return f"他に {count} 種類のメッセージ / {count} more different message{'s' if count > 1 else ''}"


def markdown(result: dict) -> str:
    total, *about = total_lines(result)
    t_label, t_value = total.split(": ", 1)
    out = [f"# 採点結果 / Grading report: {result['student']}", "",
           f"- {t_label}: **{t_value}**", *[f"  - {line}" for line in about],
           f"- 状態 / status: {result['status']}"]
    if result.get("error"):
        out.append(f"- 理由 / reason: {result['error']}")
    if result.get("sandbox", {}).get("warning"):
        out.append(f"- 注意 / warning: {result['sandbox']['warning']}")
    out += ["", f"> {LEGEND[0]}", ">", f"> {LEGEND[1]}", ""]
    for s in sections(result):
        mark = "✓ " if s.status.startswith("採点済み") and not s.failures and not s.not_started else ""
        out.append(f"## {mark}{s.heading}: {s.points} — {s.status}")
        out.append("")
        for function, tests, lost in s.not_started:
            out += [f"- 未着手 / not started: `{function}` (−{lost}: {', '.join(tests)})", ""]
        for f in s.failures:
            out += [f"### ✗ `{f.name}` (−{f.lost}, {f.passed} 合格 / passed)", ""]
            for message, count in f.messages:
                out += ["```text", message.replace("```", "'''"), "```"]
                if count > 1:
                    out.append(f"×{count}")
                out.append("")
            if f.more:
                out += [_more(f.more), ""]
    return "\n".join(out).rstrip() + "\n"


CSS = ("body{font-family:system-ui,'Hiragino Sans','Noto Sans JP','IPAGothic',sans-serif;max-width:60rem;"
       "margin:2rem auto;padding:0 1rem;line-height:1.5;overflow-wrap:anywhere}"
       "pre{background:#f5f5f5;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0}"
       "h2{font-size:1.15rem;margin:1.5rem 0 .25rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:.75rem 0 .25rem}"
       ".legend{background:#f0f4ff;padding:.5rem .75rem;font-size:.9rem}.legend p{margin:.25rem 0}"
       ".times{color:#555;font-size:.9rem}.fail{color:#a00}.ok{color:#070}.muted{color:#666}"
       "ul.about{margin:.25rem 0}")


def html_page(result: dict) -> str:
    e = html.escape
    total, *about = total_lines(result)
    t_label, t_value = total.split(": ", 1)
    out = ["<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>採点結果 / Grading report: {e(result['student'])}</title><style>{CSS}</style></head><body>",
           f"<h1>採点結果 / Grading report: {e(result['student'])}</h1><ul>",
           f"<li>{e(t_label)}: <strong>{e(t_value)}</strong>"
           + (f"<ul class=about>{''.join(f'<li>{e(line)}</li>' for line in about)}</ul>" if about else "") + "</li>",
           f"<li>状態 / status: {e(result['status'])}</li>"]
    if result.get("error"):
        out.append(f"<li>理由 / reason: {e(result['error'])}</li>")
    if result.get("sandbox", {}).get("warning"):
        out.append(f"<li class=fail>注意 / warning: {e(result['sandbox']['warning'])}</li>")
    out.append("</ul>")
    out.append(f'<div class=legend><p lang="ja">{e(LEGEND[0])}</p><p lang="en">{e(LEGEND[1])}</p></div>')
    for s in sections(result):
        done = s.status.startswith("採点済み") and not s.failures and not s.not_started
        klass = "ok" if done else ("muted" if s.untouched else "fail")
        out.append(f'<h2 id="ex-{e(s.module)}">{"✓ " if done else ""}{e(s.heading.replace("`", ""))}: '
                   f'<span class={klass}>{e(s.points)} — {e(s.status)}</span></h2>')
        for function, tests, lost in s.not_started:
            out.append(f"<p class=muted>未着手 / not started: <code>{e(function)}</code> "
                       f"(−{e(lost)}: {e(', '.join(tests))})</p>")
        for f in s.failures:
            out.append(f"<h3 class=fail>✗ {e(f.name)} (−{e(f.lost)}, {e(f.passed)} 合格 / passed)</h3>")
            for message, count in f.messages:
                out.append(f"<pre>{e(message)}</pre>")
                if count > 1:
                    out.append(f"<p class=times>×{count}</p>")
            if f.more:
                out.append(f"<p class=times>{e(_more(f.more))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
