"""The machinery behind the correct variants (tests/correct_variants/<module>/<slug>.py),
tried on a toy exercise of its own: discovery, materialisation, the ALLOWED_TO_FAIL
declaration, and the check that a variant passes every hidden test and visible check
but exactly those it declares, graded by the warm judge like a student."""
import textwrap

import pytest

from autograder.author.wrong_answers import (CorrectVariant, VariantError, declared_failures, discover,
                                            discover_correct, materialize, variant_problems, wrong_module_text)

SOLUTION = '''
"""A toy exercise."""


def double(x):
    """Twice x."""
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION


def double_all(xs):
    """Twice every element of a list."""
    ### BEGIN SOLUTION
    return [double(x) for x in xs]
    ### END SOLUTION
'''

HIDDEN = '''
import pytest


def test_double(submission):
    assert submission.toy.double(3) == 6


def test_double_negative(submission):
    assert submission.toy.double(-2.5) == -5.0


@pytest.mark.parametrize("xs", [[1], [1, 2, 3]], ids=["one", "three"])
def test_double_all(submission, xs):
    assert submission.toy.double_all(xs) == [2 * x for x in xs]
'''

VISIBLE = '''
def test_double_course_example(submission):
    assert submission.toy.double(21) == 42


def test_double_all_course_example(submission):
    assert submission.toy.double_all([1, 2]) == [2, 4]
'''

VARIANTS = {
    # right in another style
    "added": '''"""double as x + x."""


def double(x):
    return x + x
''',
    # right for one sample only, and says exactly which tests that costs
    "first_only": '''"""double_all that handles a one-element list only (course style)."""

ALLOWED_TO_FAIL = {"hidden": ["test_double_all[three]"], "visible": ["test_double_all_course_example"]}


def double_all(xs):
    return [2 * xs[0]]
''',
    # a tuple fails every case of test_double_all, declared by the function's name
    "tuple": '''"""double_all returning a tuple."""

ALLOWED_TO_FAIL = {"hidden": ["test_double_all"], "visible": ["test_double_all_course_example"]}


def double_all(xs):
    return tuple(2 * x for x in xs)
''',
    # wrong, and declares nothing
    "tripled": '''"""double that triples."""


def double(x):
    return 3 * x
''',
    # declares less than it fails
    "first_only_undeclared": '''"""double_all for one element, declaring too little."""

ALLOWED_TO_FAIL = {"hidden": ["test_double_all[three]"]}


def double_all(xs):
    return [2 * xs[0]]
''',
    # declares a test it passes, and one that does not exist
    "overdeclared": '''"""double as x * 2, declaring too much."""

ALLOWED_TO_FAIL = {"hidden": ["test_double_negative", "test_tripple"]}


def double(x):
    return x * 2
''',
}


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    root = tmp_path_factory.mktemp("toy")
    (root / "solutions").mkdir()
    (root / "solutions" / "toy.py").write_text(SOLUTION)
    for folder, text in (("hidden", HIDDEN), ("exercises", VISIBLE)):
        (root / folder).mkdir()
        (root / folder / "test_toy.py").write_text(text)
    for slug, text in VARIANTS.items():
        path = root / "correct_variants" / "toy" / f"{slug}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.fixture(scope="module")
def grade(toy, hidden_runner, tmp_path_factory):
    """Grade a variant of the toy exercise, hidden and visible, jailed: (outcomes, solution node ids)."""
    files = [toy / "hidden" / "test_toy.py", toy / "exercises" / "test_toy.py"]
    solutions = tmp_path_factory.mktemp("toy-solutions")
    (solutions / "toy.py").write_text((toy / "solutions" / "toy.py").read_text())
    baseline = hidden_runner.run_files(solutions, files)
    assert len(baseline) == 6 and all(r["outcome"] == "passed" for r in baseline.values()), baseline

    def run(variant):
        folder = materialize(variant, tmp_path_factory.mktemp(variant.slug), solutions=toy / "solutions")
        return hidden_runner.run_files(folder, files), set(baseline)
    return run


@pytest.fixture(scope="module")
def variants(toy):
    return {v.slug: v for v in discover_correct(toy / "correct_variants")}


def test_discovery_and_materialisation_serve_both_kinds(toy, variants):
    assert set(variants) == set(VARIANTS)
    assert all(isinstance(v, CorrectVariant) for v in variants.values())
    assert variants["added"].description == "double as x + x."
    text = wrong_module_text(variants["added"], solutions=toy / "solutions")
    assert "# ---- correct variant: toy/added ----" in text and "### BEGIN" not in text
    planted = discover(toy / "correct_variants")[0]  # the same files read as planted mistakes
    assert "# ---- planted mistake: toy/" in wrong_module_text(planted, solutions=toy / "solutions")


@pytest.mark.slow
def test_a_variant_right_in_another_style_passes(grade, variants):
    assert variant_problems(variants["added"], *grade(variants["added"])) == []


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["first_only", "tuple"])
def test_a_variant_may_fail_exactly_what_it_declares(grade, variants, slug):
    outcomes, expected = grade(variants[slug])
    assert any(r["outcome"] == "failed" for r in outcomes.values())
    assert variant_problems(variants[slug], outcomes, expected) == []


@pytest.mark.slow
def test_a_wrong_variant_is_reported(grade, variants):
    outcomes, expected = grade(variants["tripled"])
    problems = variant_problems(variants["tripled"], outcomes, expected)
    assert len(problems) == len(expected) == 6, problems  # double_all uses double: every test fails
    for nodeid in expected:
        assert any(f" {nodeid} failed: assert " in p for p in problems), (nodeid, problems)


@pytest.mark.slow
def test_a_failure_left_undeclared_is_reported(grade, variants):
    problems = variant_problems(variants["first_only_undeclared"], *grade(variants["first_only_undeclared"]))
    assert problems == [p for p in problems if "test_double_all_course_example" in p] and len(problems) == 1, problems


@pytest.mark.slow
def test_a_declared_test_that_passes_or_does_not_exist_is_reported(grade, variants):
    problems = variant_problems(variants["overdeclared"], *grade(variants["overdeclared"]))
    assert any("test_double_negative passes although ALLOWED_TO_FAIL" in p for p in problems), problems
    assert any("names test_tripple, which is no hidden test of toy" in p for p in problems), problems
    assert len(problems) == 2, problems


def test_suites_that_ran_otherwise_are_reported(variants):
    outcomes = {"hidden/test_toy.py::test_double": {"outcome": "passed", "message": ""}}
    problems = variant_problems(variants["added"], outcomes, {"hidden/test_toy.py::test_double",
                                                              "hidden/test_toy.py::test_double_negative"})
    assert problems and "did not run as on the solutions" in problems[0]


@pytest.mark.parametrize("declaration, reason", [
    ("ALLOWED_TO_FAIL = ['test_x']", "must be a dict"),
    ("ALLOWED_TO_FAIL = {'hiden': ['test_x']}", "must be a dict with the keys"),
    ("ALLOWED_TO_FAIL = {'hidden': 'test_x'}", "must be a list of test names"),
    ("ALLOWED_TO_FAIL = {'hidden': ['x']}", "not test names"),
    ("ALLOWED_TO_FAIL = {'hidden': [name for name in 'ab']}", "must be a literal"),
    ("ALLOWED_TO_FAIL = {}\nALLOWED_TO_FAIL = {}", "more than once"),
])
def test_a_malformed_declaration_is_refused(tmp_path, declaration, reason):
    path = tmp_path / "variant.py"
    path.write_text(f'"""A variant."""\n{declaration}\n')
    with pytest.raises(VariantError, match=reason):
        declared_failures(path)


def test_a_declaration_is_read_never_run(tmp_path):
    path = tmp_path / "variant.py"
    path.write_text(textwrap.dedent('''
        """A variant."""
        raise SystemExit("the kit must not run this file")
        ALLOWED_TO_FAIL = {"visible": ("test_a[1]",)}
    '''))
    assert declared_failures(path) == {"hidden": frozenset(), "visible": frozenset({"test_a[1]"})}
