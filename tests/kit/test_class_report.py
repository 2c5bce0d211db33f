"""grades/report.html: the class report, checked as an instructor sees it, in headless Chromium.

The example class is graded (a few exercises, with a roster), the report opens offline with
no script errors and no requests, every exercise's chart is drawn, and each hidden test's
failure share is the one the students' results give. The screenshot in the README comes from
here: ``KIT_UPDATE_SCREENSHOTS=1 .venv/bin/pytest tests/kit/test_class_report.py`` writes it.
"""
import json
import os
import re

import pytest

from autograder.cli import main
from autograder.paths import KIT_ROOT
from autograder.report import class_report

pytestmark = pytest.mark.slow   # starts judges, sandboxes or nbgrader

STUDENTS = ["perfect", "partial", "stubs", "mistakes", "notebooks", "syntax_error", "corrupt_zip"]
ONLY = ["activations", "perceptron", "losses"]
SCREENSHOT = KIT_ROOT / "docs" / "report.png"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, example_class_builder):
    base = tmp_path_factory.mktemp("report")
    klass, config = example_class_builder(base, '\n[course]\nname = "深層学習入門 2024"\n')
    roster = base / "roster.csv"
    everyone = [p.name.removesuffix(".zip") for p in klass.iterdir()]
    roster.write_text("id,name,email\n" + "".join(f"{s},{s.title()},{s}@example.ac.jp\n" for s in everyone)
                      + "absent,Absent Student,absent@example.ac.jp\n", encoding="utf-8")
    out = base / "grades"
    args = ["grade", str(klass), "--out", str(out), "--config", str(config), "--jobs", "1", "--device", "cpu",
            "--roster", str(roster)]
    for student in STUDENTS:
        args += ["--student", student]
    for exercise in ONLY:
        args += ["--only", exercise]
    assert main(args) == 0
    return out


def _results(out):
    return {s: json.loads((out / s / "result.json").read_text(encoding="utf-8")) for s in STUDENTS}


def expected_share(results, module, test):
    """Of the students whose work on ``module`` was graded (started), the share that lost points on ``test``."""
    worked = [r["exercises"][module] for r in results.values()
              if r["exercises"].get(module, {}).get("status") == "graded" and not r["exercises"][module]["not_started"]]
    failed = [ex for ex in worked if ex["tests"][test]["earned"] < ex["tests"][test]["points"]]
    return len(failed) / len(worked)


def test_the_report_is_one_self_contained_file(graded):
    page = (graded / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert page.count("<svg") >= len(ONLY) and "<img" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "クラス全体レポート" in page and "Class report" in page and "深層学習入門 2024" in page


def test_report_in_the_browser(graded, browser, tmp_path):
    page = browser.open(graded / "report.html")
    assert page.errors == []
    assert page.requests == [(graded / "report.html").resolve().as_uri()]   # nothing fetched: it opens offline

    charts = page.evaluate("""Array.from(document.querySelectorAll('svg.histogram')).map(svg => {
        const box = svg.getBoundingClientRect();
        const bars = Array.from(svg.querySelectorAll('g[id^="patch"] path'))
            .filter(p => { const b = p.getBBox(); return b.height > 0.5 && b.width > 0.5; });
        return {exercise: svg.dataset.exercise, width: box.width, height: box.height, bars: bars.length,
                text: Array.from(svg.querySelectorAll('text')).map(t => t.textContent).join(' ')};
    })""")
    assert [c["exercise"] for c in charts] == ONLY
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 100, chart
        assert chart["bars"] >= 2, chart        # at least the full-marks bin and the not-started bin
        assert "points" in chart["text"] and "students" in chart["text"]

    results = _results(graded)
    rows = page.evaluate("""Array.from(document.querySelectorAll('section[id^="ex-"] [data-test]')).map(e => ({
        exercise: e.closest('section').id.slice(3), test: e.dataset.test, share: Number(e.dataset.share),
        shown: e.tagName === 'TR' ? e.children[2].textContent : '0%',
        messages: e.tagName === 'TR' ? e.children[3].textContent : ''}))""")
    by_key = {(r["exercise"], r["test"]): r for r in rows}
    failing = 0
    for module in ONLY:
        tests = {t for r in results.values() if r["exercises"].get(module, {}).get("status") == "graded"
                 for t in r["exercises"][module]["tests"]}
        for test in tests:
            share = expected_share(results, module, test)
            row = by_key[(module, test)]
            assert row["share"] == pytest.approx(share, abs=1e-4), (module, test)
            assert f"{share * 100:.0f}%" in row["shown"]
            failing += share > 0
    assert failing > 0   # the planted mistakes fail some tests
    relu = by_key[("activations", "test_relu_leaves_input_unchanged")]
    assert relu["share"] > 0 and "activations.relu" in relu["messages"] and "returned" not in relu["messages"]

    sections = page.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('h3[id]')).map(h => "
                             "[h.id, h.nextElementSibling ? h.nextElementSibling.textContent : '']))")
    assert "corrupt_zip" in sections["could"] and "syntax_error" in sections["could"]
    assert "perfect" not in sections["could"]
    assert "absent" in sections["missing"] and "Absent Student" in sections["missing"]

    # the language buttons: English only, then Japanese only
    def visible(selector):
        return page.evaluate(f"Array.from(document.querySelectorAll('{selector}'))"
                             ".some(e => getComputedStyle(e).display !== 'none')")
    assert visible("body [lang=ja]") and visible("body [lang=en]")
    page.evaluate("document.querySelector('button[data-mode=en]').click()")
    assert visible("body [lang=en]") and not visible("body [lang=ja]")
    page.evaluate("document.querySelector('button[data-mode=ja]').click()")
    assert visible("body [lang=ja]") and not visible("body [lang=en]")
    page.evaluate("document.querySelector('button[data-mode=both]').click()")
    assert page.errors == []

    target = SCREENSHOT if os.environ.get("KIT_UPDATE_SCREENSHOTS") == "1" else tmp_path / "report.png"
    shot = page.screenshot(target, width=1200, height=1500)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# -- the page's parts, without a browser -------------------------------------------------------
def test_failure_messages_are_grouped_without_the_students_own_values():
    a = "AssertionError: losses.mse: 結果が正しくありません / wrong result\n  期待値 / expected: 4.705\n  戻り値 / returned: 9.41"
    b = "AssertionError: losses.mse: 結果が正しくありません / wrong result\n  期待値 / expected: 4.705\n  戻り値 / returned: 0.0"
    assert class_report.message_key(a) == class_report.message_key(b)
    assert "9.41" not in class_report.message_key(a) and "4.705" in class_report.message_key(a)


def _result(student, points, outcome="failed", message="boom", not_started=False, status="graded"):
    test = {"points": 2.0, "earned": points, "passed": int(points == 2.0), "total": 1,
            "cases": [{"case": None, "outcome": "passed" if points == 2.0 else outcome, "not_started": not_started,
                       "message": "" if points == 2.0 else message}]}
    ex = {"status": status, "points": points, "possible": 2.0, "not_started": not_started,
          "tests": {"test_a": test} if status == "graded" else {}, "title_ja": "課題", "title_en": "task"}
    return {"student": student, "error": None, "status": "graded", "total": points, "possible": 2.0,
            "exercises": {"m": ex}}


def test_shares_leave_out_not_started_and_ungradable_work():
    results = [_result("a", 2.0), _result("b", 0.0, message="x\n  returned: 1"),
               _result("c", 0.0, message="x\n  returned: 2"), _result("d", 0.0, not_started=True),
               _result("e", 0.0, status="error: syntax")]
    (row,) = class_report.test_failures(results, "m")
    assert (row["tried"], row["failed"]) == (3, 2) and row["share"] == pytest.approx(2 / 3)
    assert row["messages"].most_common() == [("x", 2)]


def test_students_and_messages_are_escaped():
    summary = {"exercises": ["m"], "maxima": {"m": 2.0}, "people": {}, "written": "now",
               "sandbox": {"kind": "bubblewrap"}, "device": "cpu",
               "unplaced": [{"path": "<img src=x onerror=alert(1)>.py", "reason": "no rule"}]}
    bad = _result("<script>alert(1)</script>", 0.0, message="<b>hi</b>")
    bad["error"] = "<iframe>"
    page = class_report.page(summary, [bad])
    assert "<script>alert" not in page and "<iframe>" not in page and "<b>hi" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
