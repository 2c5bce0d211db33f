"""The nbgrader notebooks: generated, complete, and graded the same by nbgrader (in the
notebook's kernel) as the same code by the hidden suites. (Their released versions, without
secrets: tests/kit/test_release.py.)

Cheap checks run for every exercise; the real-nbgrader runs (seconds each) use a few."""
import ast
import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from autograder import config as grading
from autograder.author import notebooks, stubs
from autograder.author.wrong_answers import discover, write_solution_copy, wrong_module_text
from autograder.submission.modules import notebook_code
from autograder.paths import KIT_ROOT, SOLUTIONS

pytestmark = pytest.mark.slow(seconds=80)   # starts judges, sandboxes or nbgrader

MODULES = stubs.exercise_modules(SOLUTIONS)
CONFIG = grading.load()
# Exercises for the expensive nbgrader runs: arrays, printed output, objects behind handles.
NBGRADER_MODULES = [m for m in ("activations", "python_basics", "layers") if m in MODULES]
# Planted mistakes to grade both ways (the first two of a module when these are gone).
PREFERRED_WRONG = {"activations": ["sigmoid_exp_positive", "relu_in_place"],
                   "layers": ["relu_forward_in_place", "affine_db_not_summed"]}
EXPECTED = notebooks.expected_notebooks(KIT_ROOT)


def _notebook(module: str) -> dict:
    return json.loads(EXPECTED[notebooks.notebook_path(KIT_ROOT, module)])


def _cells(nb: dict) -> list[tuple[dict, str]]:
    return [(c.get("metadata", {}).get("nbgrader", {}), "".join(c["source"])) for c in nb["cells"]]


def _hidden_test_names(module: str) -> list[str]:
    return [t.name for t in notebooks.read_test_file(KIT_ROOT / "tests/hidden" / f"test_{module}.py").tests]


def _env() -> dict:
    return dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))


def _nbgrader(course: Path, *args, timeout=900) -> subprocess.CompletedProcess:
    """`nbgrader ARGS` as an instructor runs it: a process of its own in the course folder."""
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=_env(),
                          capture_output=True, text=True, timeout=timeout)


def _nbgrader_here(course: Path, *args) -> None:
    """`nbgrader ARGS` in this process: what `python -m nbgrader ARGS` runs (its parsing, its
    subcommands, nbgrader_config.py read from the course folder) without a new Python
    importing Jupyter again (seconds each). Kernels still start per notebook. The working
    folder, PATH and sys.path are put back and nbgrader's singletons cleared."""
    from jupyter_core.application import NoStart
    from nbgrader.apps import NbGraderApp

    saved_path = list(sys.path)
    app = NbGraderApp.instance()
    try:
        with contextlib.chdir(course), mock.patch.dict(os.environ, {"PATH": _env()["PATH"]}):
            app.initialize(list(args))
            app.start()
    except NoStart:   # jupyter_core's way of ending after a subcommand ran
        pass
    except SystemExit as exit:   # nbgrader's self.fail(): the command failed
        if exit.code not in (0, None):
            raise AssertionError(f"nbgrader {' '.join(args)} failed (exit {exit.code})") from None
    finally:
        if app.subapp is not None:
            type(app.subapp).clear_instance()
        NbGraderApp.clear_instance()
        sys.path[:] = saved_path


# -- cheap: every exercise ---------------------------------------------------------------------

def test_notebooks_are_up_to_date():
    stale = [str(p.relative_to(KIT_ROOT)) for p, text in EXPECTED.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `autograder build`: stale notebooks {stale}"
    assert sorted(EXPECTED) == sorted(notebooks.notebook_path(KIT_ROOT, m) for m in MODULES)


def test_generation_is_deterministic():
    assert notebooks.expected_notebooks(KIT_ROOT) == EXPECTED


@pytest.mark.parametrize("module", MODULES)
def test_points_match_grading_toml(module):
    """Each hidden test sits in exactly one test cell's hidden region, with its points;
    the cells' points add up to the exercise's total."""
    exercise = CONFIG.exercises.get(module)
    nb = _notebook(module)
    total, seen = 0.0, []
    for meta, source in _cells(nb):
        if meta.get("grade"):
            assert not meta.get("solution") and meta.get("schema_version") == 3
            hidden = _hidden_region(source)
            points = _declared_points(hidden)
            assert meta["points"] == pytest.approx(sum(points.values())), meta["grade_id"]
            for name, value in points.items():
                assert value == exercise.points[name], f"{module}.{name}"
                assert re.search(rf"^\s*def {name}\(", hidden, re.M), f"{name} declared but not defined"
            seen.extend(points)
            total += meta["points"]
        else:
            assert "### BEGIN HIDDEN TESTS" not in source
    assert sorted(seen) == sorted(_hidden_test_names(module))
    assert total == pytest.approx(exercise.total if exercise else 0.0)


def _hidden_region(source: str) -> str:
    regions = re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", source, re.S)
    assert len(regions) <= 1
    return regions[0] if regions else ""


def _declared_points(hidden: str) -> dict:
    match = re.search(r"@_kit\.hidden\(points=(\{.*?\})\)", hidden)
    return ast.literal_eval(match.group(1)) if match else {}


@pytest.mark.parametrize("module", MODULES)
def test_solution_cells_hold_every_solution_region(module):
    source = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
    cells = _cells(_notebook(module))
    marked = sum(len(stubs.solution_regions(text)) for meta, text in cells if meta.get("solution"))
    assert marked == len(stubs.solution_regions(source))
    for meta, text in cells:
        if not meta.get("solution"):
            assert "### BEGIN SOLUTION" not in text


def _definitions(code: str) -> str:
    tree = ast.parse(code)
    body = [node for node in tree.body
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    return "\n".join(ast.dump(node) for node in body)


@pytest.mark.parametrize("module", MODULES)
def test_notebook_becomes_the_solution_module(module):
    """What `autograder grade` runs for this notebook (its code cells, test cells left out)
    is the solution module statement for statement: the same code, so the same grade."""
    solution = stubs.strip_markers((SOLUTIONS / f"{module}.py").read_text(encoding="utf-8"))
    code = notebook_code(EXPECTED[notebooks.notebook_path(KIT_ROOT, module)])
    assert _definitions(code) == _definitions(solution)


def test_notebook_submissions_score_full_points(hidden_runner, tmp_path):
    """The source notebooks (filled in with the solutions) as a submission of notebooks."""
    graded = [m for m in MODULES if m in CONFIG.exercises and not CONFIG.exercises[m].needs_gpu]
    for module in graded:
        shutil.copy(notebooks.notebook_path(KIT_ROOT, module), tmp_path / f"{module}.ipynb")
    outcomes = hidden_runner.run(tmp_path, graded)
    flat = {nodeid: r["outcome"] for nodeid, r in outcomes.items()}
    for module in graded:
        score = grading.score(CONFIG.exercises[module], flat)
        assert score.earned == score.possible, (module, {k: v for k, v in score.tests.items()
                                                          if v["earned"] < v["points"]})


def test_display_tricks_in_a_notebook_earn_nothing(hidden_runner, tmp_path):
    """nbgrader can be fooled by what a graded function displays (get_ipython().displayhook);
    here only the values the functions return count, whatever they display or print."""
    code = ("class _Shell:\n"
            "    def displayhook(self, value):\n"
            "        print(value)\n"
            "def get_ipython():\n"
            "    return _Shell()\n"
            "def sigmoid(x):\n"
            "    get_ipython().displayhook('All tests passed / 1.0')\n"
            "    return x\n"
            "def step_function(x):\n"
            "    get_ipython().displayhook(True)\n"
            "    return x\n")
    nb = {"cells": [{"cell_type": "code", "source": code, "metadata": {}, "outputs": [], "execution_count": None}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "activations.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    outcomes = hidden_runner.run(tmp_path, ["activations"])
    assert outcomes, "the suite did not run"
    tricked = {nodeid: r["outcome"] for nodeid, r in outcomes.items()
               if "sigmoid" in nodeid or "step_function" in nodeid}
    assert tricked and all(outcome == "failed" for outcome in tricked.values()), tricked


def test_fill_notebook_puts_planted_mistakes_where_the_module_has_them():
    for wrong in discover():
        if wrong.module not in MODULES:
            continue
        text = wrong_module_text(wrong)
        filled = notebooks.fill_notebook(EXPECTED[notebooks.notebook_path(KIT_ROOT, wrong.module)], text)
        # the last definition of every name is the same (the planted one) in both
        assert _final_definitions(notebook_code(filled)) == _final_definitions(text), wrong.id


def _final_definitions(code: str) -> dict:
    final = {}
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            final[node.name] = ast.dump(node)
    return final


# -- the real nbgrader -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A scratch nbgrader course with the kit's config and the source notebooks of
    NBGRADER_MODULES, after `nbgrader generate_assignment "*"`. (Every exercise's released
    notebook is checked where students get it: tests/kit/test_release.py.)"""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(KIT_ROOT / "nbgrader_config.py", root)
    for module in NBGRADER_MODULES:
        target = notebooks.notebook_path(root, module)
        target.parent.mkdir(parents=True)
        target.write_text(EXPECTED[notebooks.notebook_path(KIT_ROOT, module)], encoding="utf-8")
    # in this process (the `nbgrader generate_assignment` command line runs for real in
    # `autograder release`, tests/kit/test_release.py; autograde does below)
    _nbgrader_here(root, "generate_assignment", "*")
    return root


def _released(course: Path, module: str) -> Path:
    return course / "release" / module / f"{module}.ipynb"


def _validation(output: str) -> list[bool]:
    """Per validated notebook, in order: True for nbgrader's "Success!"."""
    verdicts = []
    for line in output.splitlines():
        if "Success! Your notebook passes all the tests." in line:
            verdicts.append(True)
        elif "VALIDATION FAILED" in line or "NOTEBOOK FAILED" in line.upper():
            verdicts.append(False)
    return verdicts


def test_validator_passes_source_and_fails_release(course):
    from nbgrader.validator import Validator

    sources = [str(notebooks.notebook_path(course, m)) for m in NBGRADER_MODULES[:2]]
    released = [str(_released(course, m)) for m in NBGRADER_MODULES[:2]]
    # one `nbgrader validate` for all four (it validates them in the order given); its
    # verdicts go to Validator.stream (sys.stdout when nbgrader was imported): read them here
    with mock.patch.object(Validator, "stream", io.StringIO()) as out:
        _nbgrader_here(course, "validate", *sources, *released)
    assert _validation(out.getvalue()) == [True] * len(sources) + [False] * len(released), out.getvalue()[-4000:]


def _wrong_answer(module: str):
    mine = [w for w in discover() if w.module == module]
    preferred = [w for slug in PREFERRED_WRONG.get(module, []) for w in mine if w.slug == slug]
    return (preferred or mine)[0]


def test_autograde_matches_hidden_suites(course, hidden_runner, tmp_path):
    """nbgrader autograde on submitted notebooks gives, per exercise, the points the hidden
    suites give the same code as a module submission; feedback and export work too."""
    release_text = {m: _released(course, m).read_text(encoding="utf-8") for m in NBGRADER_MODULES}
    solution = {m: (SOLUTIONS / f"{m}.py").read_text(encoding="utf-8") for m in NBGRADER_MODULES}
    # student -> {module: the module's code}; one student holds every planted mistake: points
    # are compared per student and exercise, and a student per mistake only cost start-ups
    students = {"ok": dict(solution),
                "wrong": {module: wrong_module_text(_wrong_answer(module)) for module in NBGRADER_MODULES}}
    for student, codes in students.items():
        for module, code in codes.items():
            target = course / "submitted" / student / module / f"{module}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(notebooks.fill_notebook(release_text[module], code), encoding="utf-8")
    # autograde as an instructor runs it; feedback and export in this process
    proc = _nbgrader(course, "autograde", "*")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    _nbgrader_here(course, "generate_feedback", "*")
    _nbgrader_here(course, "export")

    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        nbgrader_points = {(s, m): gradebook.find_submission(m, s).score
                           for s, codes in students.items() for m in codes}
    with open(course / "grades.csv", encoding="utf-8") as handle:
        exported = {(row["student_id"], row["assignment"]): float(row["score"]) for row in csv.DictReader(handle)}
    assert {key: exported[key] for key in nbgrader_points} == nbgrader_points  # others: not submitted

    module_points = {}
    for student, codes in students.items():
        folder = tmp_path / student
        write_solution_copy(folder)
        for module, code in codes.items():
            (folder / f"{module}.py").write_text(stubs.strip_markers(code), encoding="utf-8")
        outcomes = {k: v["outcome"] for k, v in hidden_runner.run(folder, sorted(codes)).items()}
        for module in codes:
            module_points[(student, module)] = grading.score(CONFIG.exercises[module], outcomes).earned
    assert {k: round(v, 4) for k, v in nbgrader_points.items()} == \
        {k: round(v, 4) for k, v in module_points.items()}
    # the comparison means something: the solutions get full marks and every mistake costs points
    for (student, module), points in module_points.items():
        assert (points == CONFIG.exercises[module].total) == (student == "ok"), (student, module, points)
    # and `autograder grade` (jailed) reads the same nbgrader course folder to the same points
    out = tmp_path / "grades"
    only = [arg for m in NBGRADER_MODULES for arg in ("--only", m)]
    # one judge (--jobs 1): a second would only import torch again for two students
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", str(course), "--out", str(out), *only,
                           "--jobs", "1"],
                          cwd=KIT_ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    jailed = {(s, m): json.loads((out / s / "result.json").read_text(encoding="utf-8"))["exercises"][m]["points"]
              for s, codes in students.items() for m in codes}
    assert {k: round(v, 4) for k, v in jailed.items()} == {k: round(v, 4) for k, v in module_points.items()}
    # students' feedback shows results, not the hidden tests' code
    for student, codes in students.items():
        for module in codes:
            page = (course / "feedback" / student / module / f"{module}.html").read_text(encoding="utf-8")
            assert "BEGIN HIDDEN TESTS" not in page and "_kit_hidden" not in page
