"""What a student reads in feedback.md, feedback.html and results.json (issue 15), on the example
class graded with ``--only`` three exercises: the `mistakes` student (the first planted mistake of
each exercise), the `stubs` student (untouched exercises) and the `perfect` one.

1. one failure shape: the check in words, expected, what came back under its label, the hint;
   no Python exception class unless the student's code raised one (then its name and line);
(3, the numbers in a message are the ones its check uses: test_failure_messages, on MNIST);
4. an untouched exercise is one line, repeated messages are folded ("×3"), the notation of the
   headings is explained once, at the top;
5. the total counts what was graded in this run, and says so;
6. feedback.html in headless Chromium: Japanese and English render, nothing overflows at 1200 px.
   With KIT_UPDATE_SCREENSHOTS=1 the pages are saved as docs/feedback_mistakes.png and
   docs/feedback_stubs.png (shown in README)."""
import json
import os
import re

import pytest

from autograder import checks
from autograder import config as grading
from autograder.grade.batch import Batch, Options
from autograder.paths import KIT_ROOT
from autograder.report import feedback

ONLY = ["activations", "python_basics", "forward"]
STUDENTS = ["mistakes", "stubs", "perfect"]
SCREENSHOTS = {s: KIT_ROOT / "docs" / f"feedback_{s}.png" for s in ("mistakes", "stubs")}

pytestmark = pytest.mark.slow   # grades part of the example class through the jail


@pytest.fixture(scope="module")
def graded(tmp_path_factory, example_class_builder):
    base = tmp_path_factory.mktemp("feedback")
    klass, config = example_class_builder(base)
    out = base / "grades"
    # one judge, on the CPU: a second judge, or torch imported to look for a GPU, costs more than grading
    Batch(Options(submissions=klass, out=out, jobs=1, only=ONLY, students=STUDENTS, config=config,
                  device="cpu")).run()
    return out


def read(out, student, name):
    return (out / student / name).read_text(encoding="utf-8")


def failure_blocks(md: str) -> list[str]:
    return re.findall(r"```text\n(.*?)\n```", md, flags=re.S)


# -- 1. one failure shape ------------------------------------------------------------------
def test_failures_are_in_the_kits_words_in_every_report(graded):
    md = read(graded, "mistakes", "feedback.md")
    blocks = failure_blocks(md)
    assert len(blocks) >= 3
    for name in ("feedback.md", "feedback.html", "results.json"):
        text = read(graded, "mistakes", name)
        assert "AssertionError" not in text and "Traceback" not in text, name
        assert "CheckFailed" not in text and "assert " not in text, name
    for block in blocks:
        lines = block.splitlines()
        assert re.match(r"^[\w.]+.*: \S", lines[0]), f"the first line names the check: {block}"
        raised = any(line.startswith("  例外 / exception: ") for line in lines)
        if raised:   # the student's code raised: its exception by name, and where
            assert any(line.startswith("  場所 / where: ") for line in lines), block
        else:
            assert any(line.startswith("  期待値 / expected:") for line in lines) or "形" in lines[0], block
        assert any(line.startswith("  ヒント / hint: ") or line.startswith("  考えられる原因 / likely cause: ")
                   for line in lines), f"no hint: {block}"
    gradescope = json.loads(read(graded, "mistakes", "results.json"))
    outputs = [t["output"] for t in gradescope["tests"] if t.get("output")]
    assert outputs and any("期待値 / expected:" in o for o in outputs)


def test_what_came_back_is_labelled_by_where_it_came_from(graded):
    md = read(graded, "mistakes", "feedback.md")
    printed = [b for b in failure_blocks(md) if "\n  表示 / printed: 'goodbye" in b]
    assert printed, "the goodbye message the student printed is labelled as printed"
    assert not any("戻り値 / returned: 'goodbye" in b for b in failure_blocks(md))
    for came_back, label in (("returned", "戻り値 / returned:"), ("printed", "表示 / printed:"),
                             ("input", "呼び出し後の入力 / your input after the call:")):
        with pytest.raises(checks.CheckFailed) as failed:
            checks.assert_equal("b", "a", func="m.f(x)", came_back=came_back, hint=("ヒント", "hint"))
        assert label in str(failed.value) and "AssertionError" not in str(failed.value)


# -- 4. untouched exercises, folded messages, the notation ---------------------------------
def test_an_untouched_exercise_is_one_line(graded):
    md = read(graded, "stubs", "feedback.md")
    for module in ONLY:
        section = md.split(f"(`{module}`)")[1].split("\n## ")[0]
        assert "未着手 / not started" in section.splitlines()[0]
        assert not section.strip("\n").split("\n", 1)[1:] or not section.split("\n", 1)[1].strip(), section
    assert md.count("未着手") <= len(ONLY) + 1          # the legend names it once
    assert len(md.splitlines()) < 40
    page = read(graded, "stubs", "feedback.html")
    assert page.count("<pre>") == 0 and page.count("<h2") == len(ONLY)


def test_repeated_messages_are_folded_and_the_notation_is_explained_once(graded):
    result = json.loads(read(graded, "mistakes", "result.json"))
    test = {"earned": 0.0, "points": 2.0, "passed": 0, "total": 3,
            "cases": [{"outcome": "failed", "message": "m.f(1): wrong result"}] * 3}
    result["exercises"] = {"activations": {**result["exercises"]["activations"], "tests": {"test_x": test},
                                           "not_started": False}}
    md = feedback.markdown(result)
    assert md.count("m.f(1): wrong result") == 1 and "\n×3\n" in md
    assert feedback.html_page(result).count("m.f(1): wrong result") == 1
    for student in STUDENTS:
        md = read(graded, student, "feedback.md")
        assert md.count(feedback.LEGEND[1]) == 1 and md.index(feedback.LEGEND[1]) < md.index("\n## ")


# -- 5. totals over what was graded ---------------------------------------------------------
def test_totals_count_only_what_this_run_graded(graded):
    config = grading.load()
    possible = sum(sum(config.exercises[m].points.values()) for m in ONLY)
    for student in STUDENTS:
        result = json.loads(read(graded, student, "result.json"))
        md = read(graded, student, "feedback.md")
        total = re.search(r"合計 / total: \*\*([\d.]+) / ([\d.]+)\*\*", md)
        assert total and float(total.group(2)) == pytest.approx(possible), md[:400]
        assert f"over the {len(ONLY)} exercises graded" in md
        gradescope = json.loads(read(graded, student, "results.json"))
        assert gradescope["score"] == pytest.approx(float(total.group(1)))
        assert sum(t["max_score"] for t in gradescope["tests"]) == pytest.approx(possible)
        assert set(result["exercises"]) >= set(ONLY)


# -- 6. feedback.html in the browser ---------------------------------------------------------
OVERFLOWING = """(() => {
    const bad = [];
    for (const e of document.body.querySelectorAll('*')) {
        const box = e.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.right > window.innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
            && e.clientWidth > 0)
            bad.push(e.tagName + ': ' + e.textContent.slice(0, 60));
    }
    return bad.concat(document.documentElement.scrollWidth > window.innerWidth ? ['page wider than the window'] : []);
})()"""


@pytest.mark.parametrize("student", ["mistakes", "stubs"])
def test_feedback_in_the_browser(graded, browser, tmp_path, student):
    page = browser.open(graded / student / "feedback.html", width=1200)
    assert page.errors == []
    assert page.requests == [(graded / student / "feedback.html").resolve().as_uri()]
    shown = page.evaluate("""(() => {
        const text = document.body.innerText;
        const ja = Array.from(document.querySelectorAll('[lang=ja]')).every(e => e.getBoundingClientRect().height > 0);
        const en = Array.from(document.querySelectorAll('[lang=en]')).every(e => e.getBoundingClientRect().height > 0);
        return {text, ja, en, width: window.innerWidth};
    })()""")
    assert shown["ja"] and shown["en"]
    assert "採点結果" in shown["text"] and "Grading report" in shown["text"] and "読み方" in shown["text"]
    assert "How to read this" in shown["text"]
    glyphs = page.evaluate("""(() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '16px ' + getComputedStyle(document.body).fontFamily;
        return [c.measureText('採').width, c.measureText('ab').width]; })()""")
    assert glyphs[0] >= 0.9 * 16 and glyphs[1] > 0, f"Japanese is not drawn full width: {glyphs}"
    assert page.evaluate(OVERFLOWING) == []
    target = SCREENSHOTS[student] if os.environ.get("KIT_UPDATE_SCREENSHOTS") == "1" else tmp_path / f"{student}.png"
    shot = page.screenshot(target, width=1200, height=1400 if student == "mistakes" else 700)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
