"""grades/report.html: the class at a glance, for the instructor, in Japanese and English.

One self-contained page that opens offline: per exercise the distribution of points (a
matplotlib chart, inlined as SVG), per hidden test the share of the class that failed it
with the most common failure messages (what to re-teach next week), and the students with
errors, pending or missing work. Built only from what is on disk (summary.json and each
student's result.json), so ``autograder report`` can rebuild it at any time.
"""
from __future__ import annotations

import functools
import html
import io
import json
import re
import statistics
from collections import Counter
import warnings
from pathlib import Path

from . import status
from .result import fmt, load, status_word, write_atomic

TOP_MESSAGES = 3
MESSAGE_CHARS = 400
# Lines that differ from student to student: what their code returned.
_RETURNED = re.compile(r"^\s*(戻り値|returned|got)\b[^:]*:")
_EXCEPTION = re.compile(r"^(AssertionError|Failed): ")

CSS = """
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--mute:#757575;--bar:#1565c0}
body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP','IPAGothic',sans-serif;max-width:72rem;margin:1.5rem auto;
 padding:0 1rem;color:#212121;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #e0e0e0;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #eee;
 vertical-align:top;text-align:left}th{background:#fafafa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.lang{margin:.8rem 0}.lang button{margin-right:.3rem;padding:.2rem .7rem;border:1px solid #bbb;background:#fff;
 border-radius:4px;cursor:pointer}.lang button[aria-pressed=true]{background:#1565c0;color:#fff;border-color:#1565c0}
body.only-ja [lang=en],body.only-en [lang=ja]{display:none}
.sep{color:var(--mute)}body.only-ja .sep,body.only-en .sep{display:none}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}.card{border:1px solid #e0e0e0;border-radius:6px;padding:.5rem .9rem}
.card b{font-size:1.4rem;display:block}
.exercise{display:grid;grid-template-columns:20rem minmax(0,1fr);gap:1rem;align-items:start}
table.tests{width:100%}table.tests td:last-child{width:50%}table.tests td:first-child code{word-break:break-all}.nowrap{white-space:nowrap}.allpass{color:var(--ok)}.allpass code{color:#424242}
.chart svg{width:100%;height:auto}
.share{display:inline-block;width:7rem;height:.7rem;background:#eee;margin-right:.4rem;vertical-align:middle}
.share i{display:block;height:100%;background:var(--bad)}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.35rem .5rem;margin:.2rem 0;font-size:.85rem}
.count{color:var(--mute);font-size:.85rem}.bad{color:var(--bad)}.warn{color:var(--warn)}.mute{color:var(--mute)}
@media (max-width:50rem){.exercise{grid-template-columns:1fr}}
"""

SCRIPT = """
(function(){
  var buttons=document.querySelectorAll('.lang button');
  function show(mode){
    document.body.classList.remove('only-ja','only-en');
    if(mode!=='both'){document.body.classList.add('only-'+mode);}
    buttons.forEach(function(b){b.setAttribute('aria-pressed',String(b.dataset.mode===mode));});
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){show(b.dataset.mode);});});
  show('both');
})();
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def both(ja: str, en: str) -> str:
    """Japanese and English side by side; the page's buttons may hide one."""
    return f'<span lang="ja">{_e(ja)}</span><span class="sep"> / </span><span lang="en">{_e(en)}</span>'


# -- what the class did -------------------------------------------------------------------
def message_key(message: str) -> str:
    """A failure message without what differs from student to student (their returned value)."""
    lines = [_EXCEPTION.sub("", line.rstrip()) for line in str(message).splitlines()]
    kept = [line for line in lines if line.strip() and not _RETURNED.match(line)]
    text = "\n".join(kept).strip() or "不合格 / failed"
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + " …"


def test_failures(results: list[dict], module: str) -> list[dict]:
    """Per hidden test: how many of the students who worked on the exercise failed it, and why.

    Students who had not started are left out (they fail everything and say nothing about
    what to re-teach), and so is work that could not be graded (listed elsewhere)."""
    tried = [r["exercises"][module] for r in results
             if status_word(r["exercises"].get(module)) == "graded"]
    tests: dict[str, dict] = {}
    for ex in tried:
        for name, test in ex.get("tests", {}).items():
            entry = tests.setdefault(name, {"test": name, "points": test.get("points", 0), "tried": 0,
                                            "failed": 0, "messages": Counter()})
            entry["tried"] += 1
            if test.get("earned", 0) < test.get("points", 0) or test.get("passed", 0) < test.get("total", 0):
                entry["failed"] += 1
                seen = set()
                for case in test.get("cases", []):
                    if case.get("outcome") != "passed":
                        key = message_key(case.get("message", ""))
                        if key not in seen:      # one student counts once per message
                            seen.add(key)
                            entry["messages"][key] += 1
    out = list(tests.values())
    for entry in out:
        entry["share"] = entry["failed"] / entry["tried"] if entry["tried"] else 0.0
    return sorted(out, key=lambda t: (-t["share"], t["test"]))


def exercise_stats(results: list[dict], module: str, possible: float, missing_students: int = 0) -> dict:
    words = Counter(status_word(r["exercises"].get(module)) for r in results)
    words["missing"] += missing_students
    points = [r["exercises"][module]["points"] for r in results
              if status_word(r["exercises"].get(module)) in ("graded", "not started")]
    worked = [r["exercises"][module]["points"] for r in results
              if status_word(r["exercises"].get(module)) == "graded"]
    return {"module": module, "possible": possible, "words": words, "points": points,
            "not_started_points": [p for r in results if status_word(r["exercises"].get(module)) == "not started"
                                   for p in [r["exercises"][module]["points"]]],
            "mean": statistics.fmean(worked) if worked else None,
            "median": statistics.median(worked) if worked else None,
            "full": sum(1 for p in worked if p >= possible)}


# -- charts ---------------------------------------------------------------------------------
JAPANESE_FONTS = ("IPAGothic", "IPAexGothic", "IPAPGothic", "Noto Sans CJK JP", "VL Gothic", "TakaoGothic")


@functools.lru_cache(maxsize=1)
def _chart_fonts() -> list[str]:
    """DejaVu Sans, then a Japanese font where one is installed (matplotlib falls back glyph by glyph)."""
    from matplotlib import font_manager
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *(name for name in JAPANESE_FONTS if name in installed)][:2]


def histogram_svg(stats: dict, salt: str) -> str:
    """The distribution of points of one exercise as an inline SVG (text kept as text)."""
    import matplotlib
    from matplotlib.figure import Figure

    possible = float(stats["possible"]) or 1.0
    worked = [p for p in stats["points"]]
    not_started = stats["not_started_points"]
    for p in not_started:
        worked.remove(p)
    if possible <= 30 and float(possible).is_integer():
        edges = [x - 0.5 for x in range(int(possible) + 2)]
    else:
        edges = [possible * i / 20 for i in range(21)]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt,
                                "font.family": _chart_fonts(), "font.size": 9}), warnings.catch_warnings():
        # Text stays text in the SVG and the browser draws it; matplotlib only measures it, and
        # says so for every Japanese glyph when no Japanese font is installed.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig = Figure(figsize=(4.2, 2.2))
        ax = fig.add_subplot()
        ax.hist([worked, not_started], bins=edges, stacked=True, color=["#1565c0", "#bdbdbd"],
                label=["取り組んだ / worked", "未着手 / not started"], edgecolor="white", linewidth=0.5)
        ax.set_xlim(edges[0], edges[-1])
        ax.set_xlabel("点 / points")
        ax.set_ylabel("人数 / students")
        ax.yaxis.get_major_locator().set_params(integer=True)
        if stats["mean"] is not None:
            ax.axvline(stats["mean"], color="#c62828", linewidth=1, linestyle="--", label="平均 / mean")
        ax.legend(loc="upper left", fontsize=7, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout(pad=0.4)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and DOCTYPE for inlining
    title = f"{stats['module']}: 点数の分布 / distribution of points"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_e(title)}" class="histogram" '
                                f'data-exercise="{_e(stats["module"])}" ', 1)


# -- the page -------------------------------------------------------------------------------
def _attention(results: list[dict], summary: dict, exercises: list[str]) -> str:
    people = summary.get("people", {})
    name = lambda s: people.get(s, {}).get("name", "")  # noqa: E731
    rows_error, rows_pending, rows_missing = [], [], []
    for r in sorted(results, key=lambda r: r["student"]):
        sid = r["student"]
        if r.get("error"):
            rows_error.append((sid, name(sid), "—", r["error"]))
        for module in exercises:
            ex = r["exercises"].get(module)
            word = status_word(ex)
            if word == status.ERROR:
                rows_error.append((sid, name(sid), module, status.parse(ex["status"]).reason))
            elif word == status.PENDING:
                rows_pending.append((sid, name(sid), module, status.parse(ex["status"]).reason))
            elif word == "missing":
                rows_missing.append((sid, name(sid), module, "ファイルなし / no file for this exercise"))
    roster = summary.get("roster") or {}
    for sid in roster.get("missing", []):
        rows_missing.append((sid, name(sid), "—", "名簿にあり、提出なし / on the roster, nothing handed in"))
    out = []
    for ja, en, rows, klass in [("採点できなかった提出", "Could not be graded", rows_error, "bad"),
                                ("保留(GPU など)", "Pending (e.g. a GPU)", rows_pending, "warn"),
                                ("未提出", "Missing work", rows_missing, "mute")]:
        out.append(f'<h3 class="{klass}" id="{en.split()[0].lower()}">{both(ja, en)} ({len(rows)})</h3>')
        if not rows:
            out.append(f"<p>{both('なし', 'none')}</p>")
            continue
        out.append(f"<table><tr><th>{both('学生', 'student')}</th><th>{both('名前', 'name')}</th>"
                   f"<th>{both('課題', 'exercise')}</th><th>{both('理由', 'reason')}</th></tr>")
        out += [f"<tr><td>{_e(a)}</td><td>{_e(b)}</td><td>{_e(c)}</td><td>{_e(d)}</td></tr>" for a, b, c, d in rows]
        out.append("</table>")
    if roster.get("not_on_roster"):
        out.append(f"<h3 class=warn>{both('名簿にない提出', 'Handed in, not on the roster')} "
                   f"({len(roster['not_on_roster'])})</h3><p>{_e(', '.join(roster['not_on_roster']))}</p>")
    unplaced = summary.get("unplaced") or []
    if unplaced:
        out.append(f"<h3 class=bad>{both('どの学生にも割り当てられないファイル', 'Files that belong to no student')} "
                   f"({len(unplaced)})</h3><ul>")
        out += [f"<li><code>{_e(u['path'])}</code> — {_e(u['reason'])}</li>" for u in unplaced]
        out.append("</ul>")
    return "\n".join(out)


def page(summary: dict, results: list[dict]) -> str:
    everything = summary.get("exercises", [])
    exercises = [m for m in everything if any(m in r["exercises"] for r in results)]
    unseen = [m for m in everything if m not in exercises]
    maxima = summary.get("maxima", {})
    roster_missing = len((summary.get("roster") or {}).get("missing", []))
    titles = {}
    for r in results:
        for m, ex in r["exercises"].items():
            titles.setdefault(m, (ex.get("title_ja", m), ex.get("title_en", m)))
    statuses = status.count(r.get("status", "") for r in results)
    totals = [r["total"] for r in results if not r.get("error")]
    course = summary.get("course") or ""
    head = ["<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
            f"<title>クラス全体レポート / Class report{(' — ' + _e(course)) if course else ''}</title>",
            f"<style>{CSS}</style></head><body>"]
    body = [f"<h1>{both('クラス全体レポート', 'Class report')}{(' — ' + _e(course)) if course else ''}</h1>",
            f"<p class=mute>{_e(summary.get('written', ''))} · sandbox {_e(summary.get('sandbox', {}).get('kind', ''))}"
            f" · device {_e(summary.get('device', ''))}</p>",
            '<div class="lang" role="group" aria-label="language">'
            '<button type="button" data-mode="both">日本語 + English</button>'
            '<button type="button" data-mode="ja">日本語</button>'
            '<button type="button" data-mode="en">English</button></div>',
            '<div class="cards">']
    cards = [("学生", "students", len(results) + roster_missing),
             ("採点済み", "graded", statuses.get("graded", 0)), ("一部", "partial", statuses.get("partial", 0)),
             ("保留", "pending", statuses.get("pending", 0)), ("エラー", "error", statuses.get("error", 0)),
             ("未提出", "missing", roster_missing),
             ("平均点", "mean total", f"{fmt(statistics.fmean(totals)) if totals else '–'} / "
                                       f"{fmt(sum(maxima.values()))}")]
    body += [f'<div class="card"><b>{_e(v)}</b>{both(ja, en)}</div>' for ja, en, v in cards]
    body.append("</div>")
    if summary.get("sandbox", {}).get("warning"):
        body.append(f"<p class=bad>{_e(summary['sandbox']['warning'])}</p>")

    stats = {m: exercise_stats(results, m, maxima.get(m, 0), roster_missing) for m in exercises}
    body.append(f"<h2>{both('課題ごとのまとめ', 'Exercises')}</h2><table><tr>"
                f"<th>{both('課題', 'exercise')}</th><th class=n>{both('満点', 'max')}</th>"
                f"<th class=n>{both('平均', 'mean')}</th><th class=n>{both('中央値', 'median')}</th>"
                f"<th class=n>{both('満点の人数', 'full marks')}</th><th class=n>{both('採点', 'graded')}</th>"
                f"<th class=n>{both('未着手', 'not started')}</th><th class=n>{both('エラー', 'error')}</th>"
                f"<th class=n>{both('保留', 'pending')}</th><th class=n>{both('未提出', 'missing')}</th></tr>")
    for m in exercises:
        s, w = stats[m], stats[m]["words"]
        body.append(f'<tr><td><a href="#ex-{_e(m)}">{_e(m)}</a></td><td class=n>{fmt(s["possible"])}</td>'
                    f'<td class=n>{fmt(s["mean"]) if s["mean"] is not None else "–"}</td>'
                    f'<td class=n>{fmt(s["median"]) if s["median"] is not None else "–"}</td>'
                    f'<td class=n>{s["full"]}</td><td class=n>{w["graded"]}</td><td class=n>{w["not started"]}</td>'
                    f'<td class=n>{w["error"]}</td><td class=n>{w["pending"]}</td><td class=n>{w["missing"]}</td></tr>')
    body.append("</table>")
    if unseen and results:
        body.append(f"<p class=mute>{both('まだ採点していない課題', 'Not graded yet')}: {_e(', '.join(unseen))}</p>")
    if summary.get("disabled"):
        body.append(f"<p class=mute>{both('このコースで採点しない課題', 'Not graded in this course')}: "
                    f"{_e(', '.join(summary['disabled']))}</p>")

    body.append(f"<h2>{both('要確認の学生', 'Students to look at')}</h2>")
    body.append(_attention(results, summary, exercises))

    body.append(f"<h2>{both('課題ごとの詳細', 'Each exercise')}</h2>"
                f"<p class=mute>{both('不合格の割合は、その課題に取り組んで採点された学生のうち(未着手・エラーを除く)', 'Failure shares are over the students whose work on the exercise was graded (not started and errors left out)')}</p>")
    for m in exercises:
        ja, en = titles.get(m, (m, m))
        s = stats[m]
        body.append(f'<section id="ex-{_e(m)}"><h3>{both(ja, en)} <code>{_e(m)}</code></h3><div class="exercise">')
        body.append(f'<div class="chart">{histogram_svg(s, m)}</div><div>')
        failures = test_failures(results, m)
        failed = [t for t in failures if t["failed"]]
        passed = [t for t in failures if not t["failed"]]
        if not failures:
            body.append(f"<p class=mute>{both('採点された解答がありません', 'no graded work')}</p>")
        if failed:
            body.append(f"<table class=tests><tr><th>{both('隠しテスト', 'hidden test')}</th>"
                        f"<th class=n>{both('配点', 'points')}</th><th>{both('不合格', 'failed')}</th>"
                        f"<th>{both('よくある失敗メッセージ', 'most common failure messages')}</th></tr>")
            for t in failed:
                share = t["share"]
                messages = "".join(f'<pre>{_e(msg)}</pre><span class="count">× {n}</span>'
                                   for msg, n in t["messages"].most_common(TOP_MESSAGES))
                body.append(f'<tr data-test="{_e(t["test"])}" data-share="{share:.4f}"><td><code>{_e(t["test"])}'
                            f'</code></td><td class=n>{fmt(t["points"])}</td><td class=nowrap><span class="share">'
                            f'<i style="width:{share * 100:.1f}%"></i></span>{share * 100:.0f}% '
                            f'<span class="count">({t["failed"]}/{t["tried"]})</span></td><td>{messages}</td></tr>')
            body.append("</table>")
        if passed:
            names = ", ".join(f'<code data-test="{_e(t["test"])}" data-share="0">{_e(t["test"])}</code>' for t in passed)
            body.append(f"<p class=allpass>{both('全員合格', 'passed by everyone')} ({len(passed)}): {names}</p>")
        body.append("</div></div></section>")
    body.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(head + body) + "\n"


def gather(out_dir: Path) -> tuple[dict, list[dict]]:
    """summary.json and the result.json of every student it names."""
    out_dir = Path(out_dir)
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    students = summary.get("people") or {}
    if not students:  # results written before the class list was kept
        students = {p.parent.name: {} for p in out_dir.glob("*/result.json")}
    results = [r for s in sorted(students) if (r := load(out_dir / s / "result.json"))]
    return summary, results


def write(out_dir: Path) -> Path:
    summary, results = gather(out_dir)
    target = Path(out_dir) / "report.html"
    write_atomic(target, page(summary, results))
    return target
