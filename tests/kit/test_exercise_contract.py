"""The kit checks itself: generated files are current, every exercise is complete,
solutions pass, every planted mistake is caught (by the hidden suite, and by the visible checks
at least 90% of the time), and every correct variant earns full marks. That the untouched stubs
report "not started", one line each, is checked where students run them: in a release
(tests/kit/test_release.py)."""
import ast
import subprocess
import sys

import pytest

from autograder import config as grading
from autograder.author import stubs
from autograder.author.wrong_answers import (discover, discover_correct, materialize, outcomes_of, shares,
                                            side_by_side, variant_problems, verdict)
from autograder.grade.hidden_runner import only
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


@pytest.mark.slow
def test_solutions_copied_over_the_stubs_pass_every_self_check(solution_tests, graded_modules):
    """A student who writes the solutions into the stubs passes every visible self-check: the
    solutions without their markers, as write_solution_copy makes them, graded once per run with
    the visible suites (conftest's solution_tests). The main run checks solutions/ itself with
    `pytest --submission solutions`, the GPU exercise's self-check included."""
    checked = [m for m in graded_modules if (EXERCISES / f"test_{m}.py").is_file()]
    assert checked
    for module in checked:
        visible = only(solution_tests.outcomes(module), "visible")
        assert visible, f"{module}: its self-check ran no test"
        assert {n: r["outcome"] for n, r in visible.items() if r["outcome"] != "passed"} == {}, module


WRONG = discover()
CORRECT = discover_correct()


def test_every_exercise_has_planted_wrong_answers():
    covered = {w.module for w in WRONG}
    assert set(MODULES) - {"cifar10"} <= covered


class _Graded:
    """Each planted wrong answer's verdict, from its one grading (conftest's planted_outcomes,
    which the tests of its failure messages share), for its own test and for the shares."""

    def __init__(self, outcomes_of):
        self.outcomes_of = outcomes_of
        self.verdicts = {}

    def __call__(self, wrong):
        if wrong.id not in self.verdicts:
            self.verdicts[wrong.id] = verdict(wrong, self.outcomes_of(wrong), grading.load())
        return self.verdicts[wrong.id]


@pytest.fixture(scope="module")
def planted(planted_outcomes):
    return _Graded(planted_outcomes)


def test_side_by_side_groups_hold_each_answer_once_and_one_per_exercise(tmp_path):
    groups = side_by_side(WRONG)
    assert sorted(w.id for group in groups for w in group) == sorted(w.id for w in WRONG)
    for group in groups:
        assert len({w.module for w in group}) == len(group)
    with pytest.raises(ValueError, match="one exercise"):   # two mistakes in the first exercise
        materialize(groups[0][:1] + groups[1][:1], tmp_path / "student")
    assert not (tmp_path / "student").exists()


# Answers whose outcomes must not change when they share a submission: one that prints, one
# that raises, one that returns a wrong value, each in an exercise of its own.
SHARED = ["python_basics/sign_prints_only", "activations/relu_builtin_max", "losses/cee_log10"]


@pytest.mark.slow
def test_answers_side_by_side_are_graded_as_alone(hidden_runner, tmp_path):
    answers = [w for w in WRONG if w.id in SHARED]
    assert len(answers) == len(SHARED)
    together = hidden_runner.run(materialize(answers, tmp_path / "together"), [w.module for w in answers],
                                 visible=True)
    for wrong in answers:
        alone = hidden_runner.run(materialize(wrong, tmp_path / wrong.slug), [wrong.module], visible=True)
        assert any(r["outcome"] == "failed" for r in alone.values()), wrong.id
        assert outcomes_of(wrong.module, together) == alone, wrong.id


@pytest.mark.slow
def test_wrong_answers_command_reports_every_mistake_of_the_exercises_asked_for():
    asked = ["perceptron", "regression_data"]   # no torch to preload: its judge starts in a second
    proc = subprocess.run([sys.executable, "-m", "autograder", "wrong-answers", *(a for m in asked for a in ("--only", m))],
                          cwd=KIT_ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    mine = [w for w in WRONG if w.module in asked]
    rows = [line for line in proc.stdout.splitlines() if any(f" {w.slug} " in line for w in mine)]
    assert len(rows) == len(mine), proc.stdout[-3000:]
    assert f"hidden suites caught {len(mine)} of {len(mine)} planted wrong answers (100%)" in proc.stdout


def _needs_missing_gpu(module, device) -> bool:
    return grading.load().exercises[module].needs_gpu and device != "cuda"


@pytest.mark.slow(seconds=120)   # this file: every planted mistake graded (see the root conftest.py)
@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: w.id)
def test_planted_wrong_answer_loses_points(wrong, device, planted):
    if _needs_missing_gpu(wrong.module, device):
        pytest.skip("GPU exercise: its wrong answers are checked on the CPU fixture in test_cifar10_data")
    assert planted(wrong).lost > 0, f"{wrong.id} ({wrong.description}) lost no points"


@pytest.mark.slow
def test_planted_wrong_answers_are_caught_by_hidden_suites_and_visible_checks(device, planted):
    """`autograder wrong-answers`' two shares: every planted mistake loses hidden points, and at
    least 90% fail a visible self-check, so that "done" in the self-check can be trusted."""
    verdicts = [planted(w) for w in WRONG if not _needs_missing_gpu(w.module, device)]
    hidden, visible, counted = shares(verdicts)
    assert counted == len(verdicts) > 0
    missed_hidden = [v.wrong.id for v in verdicts if not v.hidden_caught]
    missed_visible = [f"{v.wrong.id} ({v.wrong.description})" for v in verdicts if not v.visible_caught]
    assert hidden == 1.0, f"hidden suites catch {hidden:.1%}; missed: {missed_hidden}"
    assert visible >= 0.9, (f"visible checks catch {visible:.1%} of {counted} planted wrong answers (need 90%); "
                            f"missed {len(missed_visible)}: {missed_visible}")


@pytest.mark.slow
@pytest.mark.parametrize("variant", CORRECT, ids=lambda v: v.id)
def test_correct_variant_earns_full_marks(variant, device, variant_outcomes, solution_tests):
    """Code that is right in another style (the course's own) passes every hidden test and every
    visible check, but exactly those its ALLOWED_TO_FAIL declares."""
    if _needs_missing_gpu(variant.module, device):
        pytest.skip("GPU exercise: graded with --device cuda")
    variant.allowed_to_fail  # a malformed declaration fails here, with its reason
    outcomes = variant_outcomes(variant)
    problems = variant_problems(variant, outcomes, solution_tests[variant.module])
    assert not problems, f"{variant.id} ({variant.description}):\n" + "\n".join(problems)
