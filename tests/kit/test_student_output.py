"""The student's output is theirs: what their code prints shows in the test that made it
print (pytest's "Captured stdout call", the terminal with -s, the grading report in the
jail) and never in another test; an exception from their code is reported with the kit's
message and the hint of the function's docstring; shape mismatches are said in a sentence.

Most cases use a small kit of their own in a temporary folder (one exercise module, its
stub with docstrings, two test files, a student's folder), run in-process by pytest and
jailed by the warm judge."""
import os
import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from autograder import checks, hints
from autograder.author.wrong_answers import write_solution_copy
from autograder.paths import EXERCISES, KIT_ROOT

STUB = '''
def noisy(x):
    """Twice x, with a debug print.

    ヒント / Hint:
        2 倍します。
        Multiply by two.
    """
    raise NotImplementedError("未着手 / not started: alpha.noisy")


def divide(a, b):
    """a / b.

    入力 / Input:
        a, b: 数 / numbers
    ヒント / Hint: 0 で割る前に b を確かめます / check b before dividing by it
    """
    raise NotImplementedError("未着手 / not started: alpha.divide")


def train(epochs):
    """Prints one line per epoch.

    ヒント / Hint: エポックごとに 1 行 / one line per epoch
    """
    raise NotImplementedError("未着手 / not started: alpha.train")


def todo():
    """Left for later."""
    raise NotImplementedError("未着手 / not started: alpha.todo")


class Counter:
    """Counts.

    ヒント / Hint: self.count を 1 ずつ増やします / add one to self.count
    """

    def add(self):
        raise NotImplementedError("未着手 / not started: alpha.Counter.add")
'''

STUDENT_ALPHA = '''
def noisy(x):
    print("debug: noisy got", x)
    return 3 * x


def divide(a, b):
    print("debug: dividing", a, "by", b)
    return a / b


def train(epochs):
    for epoch in range(epochs):
        print(f"epoch {epoch + 1}: loss 0.5")
    return epochs


def todo():
    raise NotImplementedError("未着手 / not started: alpha.todo")


class Counter:
    def __init__(self):
        self.count = 0

    def add(self):
        self.count += None
'''

STUDENT_BETA = '''
def greet(name):
    print(f"hello {name}")
    return name
'''

TEST_ALPHA = '''
from autograder.checks import assert_close


def test_train(submission):
    assert submission.alpha.train(2) == 2


def test_noisy(submission):
    assert_close(submission.alpha.noisy(2.0), 4.0, func="alpha.noisy(2.0)")


def test_divide(submission):
    submission.alpha.divide(1.0, 0.0)


def test_counter(submission):
    counter = submission.alpha.Counter()
    counter.add()


def test_todo(submission):
    submission.alpha.todo()
'''

TEST_BETA = '''
def test_greet_prints_only_its_own_line(submission):
    assert submission.beta.greet("Taro") == "Taro"
    assert submission.take_output() == "hello Taro\\n"
'''


@pytest.fixture(scope="module")
def mini_kit(tmp_path_factory):
    root = tmp_path_factory.mktemp("minikit")
    (root / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider --import-mode=importlib\n")
    (root / "conftest.py").write_text('pytest_plugins = ["autograder.pytest_plugin"]\n')
    (root / "exercises").mkdir()
    (root / "exercises" / "alpha.py").write_text(STUB)
    (root / "exercises" / "test_alpha.py").write_text(TEST_ALPHA)
    (root / "exercises" / "test_beta.py").write_text(TEST_BETA)
    (root / "student").mkdir()
    (root / "student" / "alpha.py").write_text(STUDENT_ALPHA)
    (root / "student" / "beta.py").write_text(STUDENT_BETA)
    return root


def _pytest(root, *args):
    env = {**os.environ, "PYTHONPATH": str(KIT_ROOT)}  # this kit's autograder, wherever the run is
    env.pop("KIT_LANG", None)
    proc = subprocess.run([sys.executable, "-m", "pytest", "exercises/", "--submission", "student", "--lang", "both",
                           "--rootdir", str(root), *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)
    return proc.stdout + proc.stderr


def _section(out: str, test: str) -> str:
    """One test's entry in the FAILURES section."""
    start = re.search(rf"^_+ {test} _+$", out, re.M)
    assert start, f"no failure entry for {test}:\n{out[-3000:]}"
    end = re.search(r"^(_+ \w+ _+|=+ .* =+)$", out[start.end():], re.M)
    return out[start.end():start.end() + end.start()] if end else out[start.end():]


@pytest.fixture(scope="module")
def in_process(mini_kit):
    return _pytest(mini_kit, "-rP")


# -- in-process (pytest exercises/, pytest --submission FOLDER) -----------------------------

@pytest.mark.slow
def test_print_shows_in_its_failing_test(in_process):
    entry = _section(in_process, "test_noisy")
    assert "Captured stdout call" in entry and "debug: noisy got 2.0" in entry, entry


@pytest.mark.slow
def test_print_shows_live_with_s(mini_kit):
    out = _pytest(mini_kit, "-s", "-k", "test_train or test_greet")
    assert "epoch 1: loss 0.5\nepoch 2: loss 0.5" in out and "hello Taro" in out, out[-3000:]


@pytest.mark.slow
def test_print_never_leaks_into_another_test(in_process):
    """alpha.train prints in test_train; test_greet (later, another exercise) sees only its own output,
    in take_output() and in its captured output."""
    assert re.search(r"exercises/test_beta\.py \.", in_process), in_process[-3000:]
    passes = in_process[in_process.index("PASSES"):]
    greet = passes[passes.index("test_greet_prints_only_its_own_line"):]
    assert "hello Taro" in greet and "epoch" not in greet, greet
    train = passes[passes.index("_ test_train _"):passes.index("test_greet_prints_only_its_own_line")]
    assert "epoch 1: loss 0.5" in train, train


@pytest.mark.slow
def test_exception_shows_function_exception_place_and_docstring_hint(in_process):
    entry = _section(in_process, "test_divide")
    lines = entry.strip().splitlines()
    assert lines[0] == "alpha.divide: 提出されたコードで例外が発生しました / the submitted code raised an exception", entry
    assert "例外 / exception: ZeroDivisionError: float division by zero" in entry, entry
    line = STUDENT_ALPHA.splitlines().index("    return a / b") + 1
    assert f"場所 / where: alpha.py:{line} (divide)" in entry, entry
    assert "ヒント / hint: 0 で割る前に b を確かめます / check b before dividing by it" in entry, entry
    assert "Captured stdout call" in entry and "debug: dividing 1.0 by 0.0" in entry, entry
    assert "Traceback" not in entry and "raise " not in entry, entry


@pytest.mark.slow
def test_method_without_a_hint_takes_its_class_hint(in_process):
    entry = _section(in_process, "test_counter")
    assert entry.strip().startswith("alpha.Counter.add: "), entry
    assert "TypeError: unsupported operand" in entry and "(add)" in entry, entry
    assert "ヒント / hint: self.count を 1 ずつ増やします / add one to self.count" in entry, entry


@pytest.mark.slow
def test_not_started_function_is_named_once_not_listed_as_a_failure(in_process):
    assert "_ test_todo _" not in in_process and "FAILED exercises/test_alpha.py::test_todo" not in in_process
    assert re.search(r"^exercises/test_alpha\.py (\S+)", in_process, re.M).group(1) == ".FFFN", in_process
    table = in_process[in_process.index("進捗 / progress"):]
    assert re.search(r"^alpha\s+不合格あり / failing\s+1/5$", table, re.M), table
    assert "alpha: 未着手 / not started: alpha.todo" in table, table


# -- jailed (autograder grade) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def jailed(mini_kit, hidden_runner):
    files = [mini_kit / "exercises" / "test_alpha.py", mini_kit / "exercises" / "test_beta.py"]
    return {nodeid.split("::", 1)[1]: result for nodeid, result in
            hidden_runner.run_files(mini_kit / "student", files).items()}


@pytest.mark.slow
def test_jailed_print_never_leaks_into_another_test(jailed):
    assert jailed["test_greet_prints_only_its_own_line"]["outcome"] == "passed", jailed
    assert jailed["test_train"]["outcome"] == "passed", jailed


@pytest.mark.slow
def test_jailed_failure_report_shows_what_the_code_printed(jailed):
    result = jailed["test_noisy"]
    assert result["outcome"] == "failed"
    assert "提出されたコードの出力 / what the submitted code printed:\ndebug: noisy got 2.0" in result["message"], result


@pytest.mark.slow
def test_jailed_exception_shows_function_exception_place_and_hint(jailed):
    message = jailed["test_divide"]["message"]
    line = STUDENT_ALPHA.splitlines().index("    return a / b") + 1
    for part in ("alpha.divide: 提出されたコードで例外が発生しました", "ZeroDivisionError: float division by zero",
                 f"alpha.py:{line} (divide)", "debug: dividing 1.0 by 0.0"):
        assert part in message, message
    assert "ヒント / hint: 0 で割る前に b を確かめます / check b before dividing by it" in message, message


@pytest.mark.slow
def test_jailed_exception_takes_the_hint_of_the_kits_stub(hidden_runner, tmp_path):
    """A real exercise graded as `autograder grade` does: the hint is that of exercises/python_basics.py."""
    write_solution_copy(tmp_path)
    with open(tmp_path / "python_basics.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef sign(x):\n    return {}[x]\n")
    outcomes = hidden_runner.run(tmp_path, ["python_basics"])
    hint = hints.hint_for("python_basics.sign", [EXERCISES])
    assert hint, "exercises/python_basics.py: sign has no ヒント / Hint section"
    failed = [r["message"] for n, r in outcomes.items() if "::test_sign" in n and r["outcome"] == "failed"]
    assert failed, outcomes
    for message in failed:
        assert message.startswith("python_basics.sign: 提出されたコードで例外が発生しました"), message
        assert "KeyError" in message and f"ヒント / hint: {checks.text(*hint)}" in message, message


# -- hints and shapes --------------------------------------------------------------------------

def test_hint_sections_in_both_layouts():
    source = textwrap.dedent('''
        def own_line():
            """Doc.

            ヒント / Hint:
                日本語の
                ヒントです。
                An English
                hint.
            """

        def inline():
            """ヒント / Hint: 一行 / one line."""

        class Layer:
            """ヒント / Hint: クラスのヒント / the class's hint"""

            def __init__(self):
                """ヒント / Hint: 初期化 / set up"""

            def forward(self, x):
                """No hint here."""

        def none():
            """Nothing to say."""
    ''')
    assert hints.docstring_hint(source, "own_line") == ("日本語のヒントです。", "An English hint.")
    assert hints.docstring_hint(source, "inline") == ("一行", "one line.")
    assert hints.docstring_hint(source, "Layer") == ("初期化", "set up")
    assert hints.docstring_hint(source, "Layer.forward") == ("クラスのヒント", "the class's hint")
    assert hints.docstring_hint(source, "none") is None
    assert hints.docstring_hint(source, "missing") is None
    assert hints.split_function("cifar10.build_model().forward") == ("cifar10", "build_model")


def test_every_exercise_function_finds_its_place_for_a_hint():
    """Each function a student writes is found in its stub, so its hint (its own, its class's)
    or the pointer to its docstring names the right definition."""
    import ast

    from autograder.author import stubs
    from autograder.paths import SOLUTIONS
    for module in stubs.exercise_modules(SOLUTIONS):
        source = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
        tree = ast.parse(source)
        stub_tree = ast.parse((EXERCISES / f"{module}.py").read_text(encoding="utf-8"))
        names = {f"{c.name}.{f.name}" for c in stub_tree.body if isinstance(c, ast.ClassDef)
                 for f in c.body if isinstance(f, ast.FunctionDef)}
        names |= {f.name for f in stub_tree.body if isinstance(f, ast.FunctionDef)}
        for begin, _, _ in stubs.solution_regions(source):
            qualname = stubs._enclosing_function(tree, begin + 1)
            assert qualname in names, f"{module}.{qualname} is not in exercises/{module}.py"


def test_assert_close_says_mismatched_shapes_in_a_sentence():
    cases = [(np.zeros(3), np.zeros((2, 3)), True, "expected (2, 3), got (3,)"),
             (np.zeros(3), np.zeros((2, 4)), False, "expected (2, 4), got (3,)"),
             ((7, 10, 1), (7, 10), False, "expected (7, 10), got (7, 10, 1)")]
    for got, expected, check_shape, sentence in cases:
        with pytest.raises(AssertionError) as raised:
            checks.assert_close(got, expected, func="f", check_shape=check_shape)
        message = str(raised.value)
        assert f"wrong shape: {sentence}" in message and "broadcast" not in message, message
        assert "形(shape)が違います" in message


def test_assert_shape():
    checks.assert_shape(np.zeros((4, 10)), (4, 10), func="f")
    checks.assert_shape([[1.0, 2.0]], (None, 2), func="f")
    with pytest.raises(AssertionError, match=r"f: .*wrong shape: expected \(any, 10\), got \(4, 3\)"):
        checks.assert_shape(np.zeros((4, 3)), (None, 10), func="f")
    with pytest.raises(AssertionError, match="wrong shape: expected \\(3,\\), got \\(3, 1\\)"):
        checks.assert_shape(np.zeros((3, 1)), (3,), func="f")
    with pytest.raises(AssertionError, match="did not return an array"):
        checks.assert_shape(None, (3,), func="f")
