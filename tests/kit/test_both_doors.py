"""`pytest --submission PATH` and `autograder grade` read a submission the same way
(autograder/submission/modules.py): on release-shaped hand-ins (the stub left as released
beside the notebook the student worked in, a notebook alone, the release zipped under its
own folder) both doors run the same code and give the same verdict, test by test."""
import json
import subprocess
import sys
import zipfile

import pytest

from autograder import config as grading
from autograder.author import notebooks
from autograder.author.wrong_answers import discover, wrong_module_text
from autograder.grade.batch import Batch, Options
from autograder.paths import EXERCISES, KIT_ROOT, SOLUTIONS

pytestmark = pytest.mark.slow

MODULE = "activations"
SOURCE_NOTEBOOK = notebooks.notebook_path(KIT_ROOT, MODULE).read_text(encoding="utf-8")
STUB = (EXERCISES / f"{MODULE}.py").read_text(encoding="utf-8")


def _filled(code: str) -> str:
    return notebooks.fill_notebook(SOURCE_NOTEBOOK, code)


def _released_notebook() -> str:
    """The notebook as a student receives it: every solution cell holds the stub's code."""
    return _filled(STUB)


def _wrong(n: int) -> str:
    return wrong_module_text([w for w in discover() if w.module == MODULE][n])


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """Four students, each a release-shaped hand-in with work no other has."""
    root = tmp_path_factory.mktemp("doors") / "class"
    layouts = {
        # worked in the notebook; the stub beside it is as released
        "stub_and_notebook": {"exercises/activations.py": STUB, "notebooks/activations.ipynb": _filled(_wrong(0))},
        "notebook_only": {"notebooks/activations.ipynb": _filled((SOLUTIONS / f"{MODULE}.py").read_text("utf-8"))},
        "untouched": {"exercises/activations.py": STUB, "notebooks/activations.ipynb": _released_notebook()},
    }
    for student, files in layouts.items():
        for name, text in files.items():
            (root / student / name).parent.mkdir(parents=True, exist_ok=True)
            (root / student / name).write_text(text, encoding="utf-8")
    # the release zipped under its own folder, the module worked in, the notebook as released
    with zipfile.ZipFile(root / "nested_zip.zip", "w") as archive:
        archive.writestr("release/exercises/activations.py", _wrong(1))
        archive.writestr("release/notebooks/activations.ipynb", _released_notebook())
        archive.writestr("release/README.md", "# the student's release\n")
    return root


def _graded(klass, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("grades")
    Batch(Options(submissions=klass, out=out, jobs=1, only=[MODULE], device="cpu")).run()   # no torch to find a GPU
    verdicts = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        exercise = json.loads((folder / "result.json").read_text(encoding="utf-8"))["exercises"][MODULE]
        verdicts[folder.name] = {(name, case["case"]): case["outcome"]
                                 for name, test in exercise["tests"].items() for case in test["cases"]}
    return verdicts


def _pytest(path, results) -> dict:
    # without hypothesis's plugin (its import is most of such a run; the hidden suites do not use it)
    proc = subprocess.run([sys.executable, "-m", "pytest", f"tests/hidden/test_{MODULE}.py", "--submission", str(path),
                           "-p", "autograder.grade.collect", "--kit-results", str(results), "-q",
                           "-p", "no:hypothesispytest"],
                          cwd=KIT_ROOT, capture_output=True, text=True, timeout=600)
    assert results.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    outcomes = json.loads(results.read_text(encoding="utf-8"))
    return {(parsed[1], parsed[2]): r["outcome"] for nodeid, r in outcomes.items()
            if (parsed := grading.parse_nodeid(nodeid))}


def test_pytest_and_grade_give_the_same_verdict(klass, tmp_path_factory, tmp_path):
    graded = _graded(klass, tmp_path_factory)
    assert set(graded) == {"stub_and_notebook", "notebook_only", "untouched", "nested_zip"}
    paths = {p.name.removesuffix(".zip"): p for p in klass.iterdir()}
    by_pytest = {student: _pytest(paths[student], tmp_path / f"{student}.json") for student in graded}
    for student in graded:
        assert by_pytest[student] == graded[student], student
    # the comparison means something: the doors chose the worked file, whatever it was
    exercise = grading.load().exercises[MODULE]
    earned = {s: grading.score(exercise, {f"test_{MODULE}.py::{t}" + (f"[{c}]" if c else ""): o
                                          for (t, c), o in v.items()}).earned for s, v in graded.items()}
    assert earned["notebook_only"] == exercise.total and earned["untouched"] == 0
    assert 0 < earned["stub_and_notebook"] < exercise.total and 0 < earned["nested_zip"] < exercise.total
