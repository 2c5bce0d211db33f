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
    assert "得点 / points" in page and "no jail" in page
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
    assert gs["tests"][1]["output"] == "error: syntax"
