"""Nothing for nothing: code that does nothing earns no points.

Two hollow submissions are generated from solutions/ (autograder/author/hollow.py):
every student-written part returns None ("none"), or returns its first argument
("echo"). Graded by the warm judge like any student, "none" earns 0 points, and
"echo" earns only what returning the input is worth: the identity function's tests."""
import pytest

from autograder import config as grading
from autograder.author.hollow import make_hollow, write_hollow
from autograder.grade.hidden_runner import only, suite_of

pytestmark = pytest.mark.slow(seconds=22)   # starts judges, sandboxes or nbgrader

IDENTITY = ("activations", "test_identity_function")  # returning x is identity_function's whole job


def _paid(outcomes) -> dict[str, float]:
    """{module.test: points earned} for every hidden test that paid something."""
    cfg = grading.load()
    flat = {nodeid: r["outcome"] for nodeid, r in only(outcomes, "hidden").items()}
    paid = {}
    for module, exercise in cfg.exercises.items():
        for name, info in grading.score(exercise, flat).tests.items():
            if info["earned"] > 0:
                paid[f"{module}.{name}"] = info["earned"]
    return paid


@pytest.fixture(scope="module")
def hollow_points(hidden_runner, solution_tests, tmp_path_factory, graded_modules):
    """{kind: {module.test: points}} for both hollow submissions."""
    folder = tmp_path_factory.mktemp("hollow")
    expected = {n for m in graded_modules for n in solution_tests[m] if suite_of(n) == "hidden"}
    paid = {}
    for kind in ("none", "echo"):
        outcomes = hidden_runner.run(write_hollow(folder / kind, kind), graded_modules)
        assert set(outcomes) == expected, f"the hidden suites did not run as on the solutions ({kind})"
        paid[kind] = _paid(outcomes)
    return paid


def _listing(paid: dict[str, float]) -> str:
    return f"{sum(paid.values()):g} points: " + ", ".join(f"{name} ({points:g})" for name, points in sorted(paid.items()))


def test_returning_none_everywhere_earns_nothing(hollow_points):
    paid = hollow_points["none"]
    assert not paid, "a submission whose every function returns None earns " + _listing(paid)


def test_returning_the_input_earns_only_the_identity_function(hollow_points):
    identity = f"{IDENTITY[0]}.{IDENTITY[1]}"
    paid = {name: points for name, points in hollow_points["echo"].items() if not name.startswith(identity)}
    assert not paid, "a submission whose every function returns its first argument earns " + _listing(paid)


def test_hollow_submissions_do_nothing():
    """The generator itself: every marked part becomes one `return`, methods skip self,
    constructors return None."""
    source = '''class Layer:
    def __init__(self, W):
        ### BEGIN SOLUTION
        self.W = W
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        return x @ self.W
        ### END SOLUTION


def scale(x, k=2):
    ### BEGIN SOLUTION
    return k * x
    ### END SOLUTION
'''
    namespace = {}
    exec(make_hollow(source, "echo"), namespace)
    assert namespace["Layer"](3).forward("x") == "x" and namespace["scale"](5) == 5
    assert not hasattr(namespace["Layer"](3), "W")
    namespace = {}
    exec(make_hollow(source, "none"), namespace)
    assert namespace["Layer"](3).forward("x") is None and namespace["scale"](5) is None
