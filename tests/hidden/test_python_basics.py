"""Hidden suite: python_basics."""
import numpy as np
import pytest

from autograder.checks import assert_close, assert_equal, assert_output, assert_that

SIGN_HINT = ("負なら negative と表示して -1、0 なら zero と表示して 0、正なら positive と表示して 1 を返します",
             "print negative / zero / positive and return -1 / 0 / 1")
TENTIMES_HINT = ("新しいリストを作って 10 倍した値を入れます", "build a new list holding ten times each value")
SUM_HINT = ("range(1, n + 1) は 1 から n まで(n を含む)", "range(1, n + 1) runs from 1 up to and including n")


def _is_int(value) -> bool:
    """int or a NumPy integer; bool, float and str are not."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


INPUT_HINT = ("受け取ったリストは書き換えず、新しいリストを返してください",
              "return a new list; do not modify the list you were given")


@pytest.mark.parametrize("x, value, word", [
    (-3, -1, "negative"), (-1, -1, "negative"), (0, 0, "zero"), (1, 1, "positive"), (7, 1, "positive"),
])
def test_sign_integers(submission, x, value, word):
    pb = submission.python_basics
    submission.take_output()
    got = pb.sign(x)
    assert_output(submission.take_output(), word, func=f"python_basics.sign({x}) の表示 / output", hint=SIGN_HINT)
    assert_equal(got, value, func=f"python_basics.sign({x})", hint=SIGN_HINT)


@pytest.mark.parametrize("x, value, word", [
    (-0.25, -1, "negative"), (0.0, 0, "zero"), (-0.0, 0, "zero"), (1e-12, 1, "positive"), (2.5, 1, "positive"),
])
def test_sign_floats(submission, x, value, word):
    submission.take_output()
    got = submission.python_basics.sign(x)
    assert_output(submission.take_output(), word, func=f"python_basics.sign({x!r}) の表示 / output", hint=SIGN_HINT)
    assert_equal(got, value, func=f"python_basics.sign({x!r})", hint=SIGN_HINT)


def test_sign_large_values(submission):
    pb = submission.python_basics
    for x, value, word in [(10 ** 30, 1, "positive"), (-10 ** 30, -1, "negative"),
                           (1e300, 1, "positive"), (-1e300, -1, "negative")]:
        submission.take_output()
        got = pb.sign(x)
        assert_output(submission.take_output(), word, func=f"python_basics.sign({x!r}) の表示 / output",
                      hint=SIGN_HINT)
        assert_equal(got, value, func=f"python_basics.sign({x!r})", hint=SIGN_HINT)


def test_sign_returns_int(submission):
    for x in (-4, 0, 4):
        got = submission.python_basics.sign(x)
        assert_that(_is_int(got), func=f"python_basics.sign({x})",
                    problem=("int の -1, 0, 1 を返してください(print の結果や文字列ではなく)",
                             "return the int -1, 0 or 1 (not what print returns, not a string)"),
                    expected="int", got=f"{type(got).__name__}: {got!r}")
    submission.take_output()


def test_tentimes_course_example(submission):
    numlist = [1, 2, 3, 4, 5]
    got = submission.python_basics.tentimes(numlist)
    assert_equal(got, [10, 20, 30, 40, 50], func="python_basics.tentimes([1, 2, 3, 4, 5])", hint=TENTIMES_HINT)


def test_tentimes_empty_list(submission):
    got = submission.python_basics.tentimes([])
    assert_equal(got, [], func="python_basics.tentimes([])",
                 hint=("空のリストには空のリストを返します", "an empty list gives an empty list"))


def test_tentimes_negative_and_float(submission):
    numlist = [-3, 0, 2.5, -0.1, 1e6]
    got = submission.python_basics.tentimes(numlist)
    assert_that(isinstance(got, list) and len(got) == len(numlist), func="python_basics.tentimes",
                problem=("同じ長さのリストを返してください", "return a list of the same length"),
                expected=[-30, 0, 25.0, -1.0, 1e7], got=got, hint=TENTIMES_HINT)
    assert_close(got, [-30.0, 0.0, 25.0, -1.0, 1e7], rtol=1e-12, func="python_basics.tentimes([-3, 0, 2.5, -0.1, 1e6])",
                 hint=TENTIMES_HINT)


def test_tentimes_returns_list(submission):
    got = submission.python_basics.tentimes([7, 8])
    assert_that(type(got) is list, func="python_basics.tentimes([7, 8])",
                problem=("list を返してください", "return a list"), expected="list [70, 80]",
                got=f"{type(got).__name__}: {got!r}", hint=TENTIMES_HINT)


def test_tentimes_leaves_input_unchanged(submission):
    called = submission.call_and_read_args(submission.python_basics.tentimes, [1, 2, 3, 4, 5])
    got, (numlist,) = called.value, called.args
    assert_equal(numlist, [1, 2, 3, 4, 5], func="python_basics.tentimes: 入力のリスト / the input list",
                 hint=INPUT_HINT)
    assert_equal(got, [10, 20, 30, 40, 50], func="python_basics.tentimes([1, 2, 3, 4, 5])", hint=TENTIMES_HINT)


def test_sum_to_100(submission):
    assert_equal(submission.python_basics.sum_to(100), 5050, func="python_basics.sum_to(100)", hint=SUM_HINT)


@pytest.mark.parametrize("n, total", [(0, 0), (1, 1), (2, 3), (10, 55), (1000, 500500)])
def test_sum_to_small_and_large(submission, n, total):
    got = submission.python_basics.sum_to(n)
    assert_equal(got, total, func=f"python_basics.sum_to({n})", hint=SUM_HINT)
    assert_that(_is_int(got), func=f"python_basics.sum_to({n})",
                problem=("int を返してください", "return an int"), expected="int",
                got=f"{type(got).__name__}: {got!r}", hint=SUM_HINT)


def test_man_prints_initialized(submission):
    submission.take_output()
    submission.python_basics.Man("Taro")
    assert_output(submission.take_output(), "Initialized!", func="python_basics.Man('Taro')",
                  hint=("__init__ の中で print('Initialized!')", "print('Initialized!') inside __init__"))


@pytest.mark.parametrize("name", ["Taro", "Hanako"])
def test_man_hello_and_goodbye(submission, name):
    man = submission.python_basics.Man(name)
    submission.take_output()
    man.hello()
    assert_output(submission.take_output(), f"hello {name}!", func=f"Man({name!r}).hello()",
                  hint=("'hello ' + self.name + '!' を print します", "print 'hello ' + self.name + '!'"))
    man.goodbye()
    assert_output(submission.take_output(), f"good bye {name}!", func=f"Man({name!r}).goodbye()",
                  hint=("'good bye ' + self.name + '!'(good と bye の間に空白)",
                        "print 'good bye ' + self.name + '!' (with a space in 'good bye')"))


def test_man_methods_print_nothing_else(submission):
    man = submission.python_basics.Man("Taro")
    submission.take_output()
    man.hello()
    man.goodbye()
    assert_output(submission.take_output(), "hello Taro!\ngood bye Taro!",
                  func="Man('Taro').hello(); Man('Taro').goodbye()",
                  hint=("メソッドごとに 1 行だけ表示します", "each method prints exactly one line"))


def test_young_man_hello(submission):
    young = submission.python_basics.YoungMan("Taro")
    submission.take_output()
    young.hello()
    assert_output(submission.take_output(), "hi Mr. Taro!", func="YoungMan('Taro').hello()",
                  hint=("'hi Mr. ' + self.name + '!'", "'hi Mr. ' + self.name + '!'"))
    other = submission.python_basics.YoungMan("Jiro")
    submission.take_output()
    other.hello()
    assert_output(submission.take_output(), "hi Mr. Jiro!", func="YoungMan('Jiro').hello()",
                  hint=("名前は self.name から", "take the name from self.name"))


def test_young_man_inherits_init_and_goodbye(submission):
    submission.take_output()
    young = submission.python_basics.YoungMan("Taro")
    assert_output(submission.take_output(), "Initialized!", func="python_basics.YoungMan('Taro')",
                  hint=("コンストラクタは Man のものを継承します", "the constructor is inherited from Man"))
    young.goodbye()
    assert_output(submission.take_output(), "good bye Taro!", func="YoungMan('Taro').goodbye()",
                  hint=("goodbye は Man のものを継承します", "goodbye is inherited from Man"))
