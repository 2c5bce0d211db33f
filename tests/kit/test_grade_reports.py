"""Reports: statuses, gradebook cells, HTML escaping, no hidden source in messages."""
from autograder.report import feedback, gradescope
from autograder.report import result as report


def _result(**exercises):
    data = {"student": "<b>eve</b>", "error": None, "exercises": exercises, "sandbox": {"kind": "none",
            "warning": "no jail"}, "timing": {"seconds": 1.0}}
    data["status"] = report.student_status(data, list(exercises))
    data["total"] = sum(e["points"] or 0 for e in exercises.values() if e["status"] == "graded")
    data["possible"] = sum(e["possible"] for e in exercises.values())
    return data


def _ex(status, points=None, message="wrong <script>alert(1)</script>"):
    tests = {} if status != "graded" else {"test_a": {"points": 2.0, "earned": points or 0.0, "passed": 0,
                                                      "total": 1, "cases": [{"case": None, "outcome": "failed",
                                                                             "not_started": False,
                                                                             "message": message}]}}
    return {"status": status, "points": points, "possible": 2.0, "tests": tests, "title_ja": "課題",
            "title_en": "task"}


def test_student_status_rules():
    assert _result(a=_ex("graded", 1.0), b=_ex("graded", 2.0))["status"] == "graded"
    assert _result(a=_ex("graded", 1.0), b=_ex("error: syntax"))["status"] == "partial"
    assert _result(a=_ex("graded", 1.0), b=_ex("missing", 0.0))["status"] == "partial"
    assert _result(a=_ex("graded", 1.0), b=_ex("pending: no GPU"))["status"] == "pending: no GPU"
    assert _result(a=_ex("error: bad notebook"))["status"] == "error: bad notebook"


def test_cells_hold_numbers_only_and_never_a_bare_zero_for_errors():
    assert report.cell(_ex("error: x")) == "" and report.status_word(_ex("error: x")) == "error"
    assert report.cell(_ex("pending: no GPU")) == "" and report.status_word(_ex("pending: no GPU")) == "pending"
    assert report.cell(_ex("missing", 0.0)) == "0" and report.status_word(_ex("missing", 0.0)) == "missing"
    assert report.cell(_ex("graded", 0.0)) == "0" and report.status_word(_ex("graded", 0.0)) == "graded"
    assert report.cell(_ex("graded", 1.5)) == "1.5"
    assert report.status_word({**_ex("graded", 0.0), "not_started": True}) == "not started"
    assert report.cell(None) == "" and report.status_word(None) == ""


def test_html_is_escaped_and_bilingual():
    page = feedback.html_page(_result(a=_ex("graded", 0.0)))
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;eve" in page
    assert "合計 / total" in page and "no jail" in page
    md = feedback.markdown(_result(a=_ex("graded", 0.0), b=_ex("pending: no GPU")))
    assert "保留 / pending" in md and "合計 / total" in md


def test_hidden_source_lines_are_removed_from_messages():
    line = 'x = np.array([[-5.0, -0.5, 0.0], [0.5, 2.0, 1e6]])'
    message = f"tests/hidden/test_activations.py::test_relu_values\n>       {line}\nE   boom\n    {line}\nkept"
    assert report.clean_message(message, "activations") == "kept"


def test_gradescope_format():
    gs = gradescope.gradescope(_result(a=_ex("graded", 1.0), b=_ex("error: syntax")))
    assert gs["score"] == 1.0 and len(gs["tests"]) == 2
    assert {"name", "score", "max_score", "output", "visibility"} <= set(gs["tests"][0])
    # work that could not be graded is listed in words, without points (the total leaves it out)
    assert gs["tests"][1]["output"] == "採点不能 / cannot be graded: syntax" \
        and gs["tests"][1]["score"] == gs["tests"][1]["max_score"] == 0.0


# -- the summary at the end of a run --------------------------------------------------------
def _class_rows():
    from autograder import config as grading
    from autograder.report import gradebook
    cfg = grading.load()
    exercises = list(cfg.exercises)
    full = {m: {"status": "graded", "points": cfg.exercises[m].total, "possible": cfg.exercises[m].total,
                "tests": {}} for m in exercises}
    results = []
    for i in range(6):
        exercises_of = dict(full)
        if i == 1:
            exercises_of["losses"] = {"status": "error: 構文エラー / syntax error", "points": None, "tests": {}}
        if i == 2:
            exercises_of["cifar10"] = {"status": "pending: needs a GPU", "points": None, "tests": {}}
        if i == 3:
            exercises_of["forward"] = {"status": "missing", "points": 0.0, "tests": {}}
        data = {"student": f"student_with_a_long_id_{i:02d}", "error": None, "exercises": exercises_of}
        data["status"] = report.student_status(data, exercises)
        data["total"], _ = report.totals(data, cfg)
        results.append(data)
    maxima = {m: cfg.exercises[m].total for m in exercises}
    return gradebook.rows(results, exercises), exercises, maxima


def test_the_terminal_summary_fits_80_columns():
    from rich.console import Console

    from autograder.report import terminal
    rows, exercises, maxima = _class_rows()
    console = Console(width=80, record=True, force_terminal=True, color_system=None)
    terminal.print_gradebook(console, rows, exercises, maxima, "gradebook: grades/gradebook.csv")
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    for module in exercises:   # every exercise keeps a readable line of its own
        assert any(line.strip().startswith(module) for line in text.splitlines()), module
    for row in rows:           # and every student their id and total, in full
        assert f"{row['total']}/{sum(maxima.values()):g}" in text and row["student"] in text
    assert "error: losses" in text and "pending: cifar10" in text and "missing: forward" in text


def test_a_wide_terminal_gets_the_gradebook_as_it_is():
    from rich.console import Console

    from autograder.report import terminal
    rows, exercises, maxima = _class_rows()
    console = Console(width=250, record=True, color_system=None)
    terminal.print_gradebook(console, rows, exercises, maxima, "gradebook")
    header = next(line for line in console.export_text().splitlines() if "student" in line)
    assert all(module in header for module in exercises)
