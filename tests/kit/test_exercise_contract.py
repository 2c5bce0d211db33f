"""The kit checks itself: generated files are current, every exercise is complete,
stubs report "not started", solutions pass, and every planted mistake is caught."""
import ast
import re
import subprocess
import sys

import pytest

from autograder import config as grading
from autograder.author import stubs
from autograder.author.wrong_answers import discover, materialize, points_lost, write_solution_copy
from autograder.grade.hidden_runner import HiddenRunner
from autograder.paths import EXERCISES, HIDDEN_TESTS, KIT_ROOT, SOLUTIONS, WRONG_ANSWERS

MODULES = stubs.exercise_modules(SOLUTIONS)
SUBMISSION_API = {"module", "helper", "take_output", "time_limit", "label", "close", "call_and_read_args"}


def test_catalogue_is_complete():
    expected = {"python_basics", "numpy_basics", "activations", "perceptron", "forward", "losses",
                "gradients", "optimizers", "layers", "autograd", "least_squares", "mnist_mlp",
                "python_practice", "numpy_workshop", "regression_data", "tensors", "training_tricks",
                "seminar_activations"}
    assert expected <= set(MODULES), f"missing solutions: {sorted(expected - set(MODULES))}"


def test_generated_stubs_are_up_to_date():
    stale = [str(p.relative_to(KIT_ROOT)) for p, text in stubs.expected_stubs(KIT_ROOT).items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `autograder build`: stale stubs {stale}"


@pytest.mark.parametrize("module", MODULES)
def test_exercise_has_every_part(module):
    source = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
    assert stubs.solution_regions(source), f"solutions/{module}.py has no solution region"
    assert (EXERCISES / f"test_{module}.py").is_file(), "visible self-check missing"
    assert (HIDDEN_TESTS / f"test_{module}.py").is_file(), "hidden suite missing"
    assert module in grading.load().exercises, "grading.toml section missing"
    assert len(list((WRONG_ANSWERS / module).glob("*.py"))) >= 3, "fewer than three planted wrong answers"


def _hidden_test_functions(module: str) -> set[str]:
    tree = ast.parse((HIDDEN_TESTS / f"test_{module}.py").read_text(encoding="utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


@pytest.mark.parametrize("module", MODULES)
def test_points_match_hidden_tests_both_ways(module):
    points = set(grading.load().exercises[module].points)
    tests = _hidden_test_functions(module)
    assert tests - points == set(), f"hidden tests without points in grading.toml: {sorted(tests - points)}"
    assert points - tests == set(), f"points for tests that do not exist: {sorted(points - tests)}"


@pytest.mark.parametrize("module", MODULES)
def test_hidden_suite_touches_only_its_own_module(module):
    """So a mistake in one exercise can cost points in that exercise alone."""
    for folder in (HIDDEN_TESTS, EXERCISES):
        tree = ast.parse((folder / f"test_{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "submission" and node.attr not in SUBMISSION_API:
                assert node.attr == module, f"{folder.name}/test_{module}.py uses submission.{node.attr}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "module" and node.args and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value == module


def _pytest(*args, timeout=900):
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=KIT_ROOT, capture_output=True, text=True, timeout=timeout)


def test_untouched_stubs_report_every_exercise_not_started():
    proc = _pytest("exercises/", "--lang", "both")
    out = proc.stdout
    assert proc.returncode == 1, out[-3000:]
    table = out[out.index("進捗 / progress"):]
    for module in MODULES:
        row = re.search(rf"^{module}\s+(.+?)\s+0/\d+\s*$", table, re.M)
        assert row and row.group(1) == "未着手 / not started", f"{module} not reported as not started:\n{table}"
    assert "Traceback" not in out and "raise NotImplementedError" not in out, "stub failures should be one line"


def test_solutions_copied_over_the_stubs_pass_every_self_check(tmp_path):
    from autograder.author.wrong_answers import write_solution_copy
    write_solution_copy(tmp_path)
    proc = _pytest("exercises/", "--submission", str(tmp_path), "-q")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "未着手" not in proc.stdout.split("進捗")[-1].replace("未着手 / not started", "")


WRONG = discover()


def test_every_exercise_has_planted_wrong_answers():
    covered = {w.module for w in WRONG}
    assert set(MODULES) - {"cifar10"} <= covered


@pytest.fixture(scope="module")
def hidden_runner(device):
    """One warm judge grades every planted mistake, as `autograder grade` would."""
    with HiddenRunner(device=device) as runner:
        yield runner


@pytest.fixture(scope="module")
def solution_tests(hidden_runner, tmp_path_factory, device):
    """Each exercise's hidden test ids, from a run of the solutions that must score full marks:
    a runner that failed everything would otherwise make every wrong answer look caught."""
    cfg = grading.load()
    modules = sorted({w.module for w in WRONG if device == "cuda" or not cfg.exercises[w.module].needs_gpu})
    folder = tmp_path_factory.mktemp("solutions")
    write_solution_copy(folder)
    outcomes = hidden_runner.run(folder, modules)
    failed = [nodeid for nodeid, r in outcomes.items() if r["outcome"] != "passed"]
    assert not failed, f"the solutions fail hidden tests through the runner: {failed}"
    by_module = {m: {n for n in outcomes if f"test_{m}.py::" in n} for m in modules}
    assert all(by_module.values()), "a hidden suite ran no test"
    return by_module


@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: w.id)
def test_planted_wrong_answer_loses_points(wrong, tmp_path, device, hidden_runner, solution_tests):
    if grading.load().exercises[wrong.module].needs_gpu and device != "cuda":
        pytest.skip("GPU exercise: its wrong answers are checked on the CPU fixture in test_cifar10_data")
    submission = materialize(wrong, tmp_path / "student")
    outcomes = hidden_runner.run(submission, [wrong.module])
    assert set(outcomes) == solution_tests[wrong.module], "the suite did not run as it does on the solutions"
    lost = points_lost(wrong, outcomes, grading.load())
    assert lost > 0, f"{wrong.id} ({wrong.description}) lost no points"
