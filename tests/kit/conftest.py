"""One warm judge for the kit's tests that grade whole submissions (planted wrong answers,
correct variants, hollow submissions, the student's output in the jail), and one grading
of the solutions that proves it gives full marks."""
import pytest

from autograder import config as grading
from autograder.author import stubs
from autograder.author.wrong_answers import write_solution_copy
from autograder.grade.hidden_runner import HiddenRunner
from autograder.paths import SOLUTIONS


@pytest.fixture(scope="session")
def graded_modules(device) -> list[str]:
    """The exercises this machine grades: GPU ones only with a GPU."""
    cfg = grading.load()
    return [m for m in stubs.exercise_modules(SOLUTIONS)
            if m in cfg.exercises and (device == "cuda" or not cfg.exercises[m].needs_gpu)]


@pytest.fixture(scope="session")
def hidden_runner(device):
    """One warm judge grades every submission, jailed as `autograder grade` would."""
    with HiddenRunner(device=device) as runner:
        yield runner


@pytest.fixture(scope="session")
def solution_outcomes(hidden_runner, tmp_path_factory, graded_modules):
    """The solutions through the runner, hidden suites and visible checks: they must pass every
    test, or a runner that failed everything would make every mistake look caught."""
    folder = tmp_path_factory.mktemp("solutions")
    write_solution_copy(folder)
    outcomes = hidden_runner.run(folder, graded_modules, visible=True)
    failed = {nodeid: r["message"][:300] for nodeid, r in outcomes.items() if r["outcome"] == "failed"}
    assert not failed, f"the solutions fail tests through the runner: {failed}"
    return outcomes


@pytest.fixture(scope="session")
def solution_tests(solution_outcomes, graded_modules):
    """{module: the node ids (hidden and visible) the solutions ran}."""
    by_module = {m: {n for n in solution_outcomes if f"test_{m}.py::" in n} for m in graded_modules}
    assert all(by_module.values()), "a suite ran no test"
    return by_module
