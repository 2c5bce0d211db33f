"""自己チェック: Python の基本 / Self-check: Python basics (授業 / course 001:1163-1418)."""
import numpy as np

from autograder.checks import assert_equal, assert_output, assert_that


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def test_sign(submission):
    # 授業の例 / the course's example (001:1226-1249)
    for x, value, word in [(10, 1, "positive"), (0, 0, "zero"), (-5.3, -1, "negative")]:
        got = submission.python_basics.sign(x)
        printed = submission.take_output()
        assert_output(printed, word, func=f"python_basics.sign({x}) の表示 / output",
                      hint=("負なら negative、0 なら zero、正なら positive と print します",
                            "print negative, zero or positive"))
        assert_equal(got, value, func=f"python_basics.sign({x})",
                     hint=("-1, 0, 1 を return します(print だけでは戻り値になりません)",
                           "return -1, 0 or 1 (printing is not returning)"))
        assert_that(_is_int(got), func=f"python_basics.sign({x})",
                    problem=("int の -1, 0, 1 を返してください", "return the int -1, 0 or 1"),
                    expected=value, got=f"{type(got).__name__}: {got!r}")


def test_tentimes(submission):
    # 授業の例 / the course's example (001:1263-1273)
    called = submission.call_and_read_args(submission.python_basics.tentimes, [1, 2, 3, 4, 5])
    got, (numlist,) = called.value, called.args
    assert_equal(got, [10, 20, 30, 40, 50], func="python_basics.tentimes([1, 2, 3, 4, 5])",
                 hint=("新しいリストに 10 倍した値を追加し、for 文が終わってから return します",
                       "add ten times each value to a new list and return it after the loop"))
    assert_equal(numlist, [1, 2, 3, 4, 5], func="python_basics.tentimes: 入力 / the input list",
                 hint=("受け取ったリストを書き換えないでください", "do not modify the list you were given"))
    assert_equal(submission.python_basics.tentimes([]), [], func="python_basics.tentimes([])",
                 hint=("空のリストには空のリスト", "an empty list gives an empty list"))


def test_sum_to(submission):
    # 授業の例 / the course's example (001:1171-1180)
    for n, total in [(100, 5050), (4, 10)]:
        got = submission.python_basics.sum_to(n)
        assert_equal(got, total, func=f"python_basics.sum_to({n})",
                     hint=("range(1, n + 1) は 1 から n まで。print ではなく return",
                           "range(1, n + 1) runs from 1 to n; return the total, do not just print it"))


def test_man(submission):
    # 授業の実行結果 / the course's run (001:1355-1373)
    pb = submission.python_basics
    man = pb.Man("Taro")
    assert_output(submission.take_output(), "Initialized!", func="python_basics.Man('Taro')",
                  hint=("__init__ で print します", "print in __init__"))
    man.hello()
    assert_output(submission.take_output(), "hello Taro!", func="Man('Taro').hello()",
                  hint=("self.name を使います", "use self.name"))
    man.goodbye()
    assert_output(submission.take_output(), "good bye Taro!", func="Man('Taro').goodbye()",
                  hint=("good と bye の間に空白があります", "there is a space in 'good bye'"))


def test_young_man(submission):
    # 授業の実行結果 / the course's run (001:1403-1418)
    pb = submission.python_basics
    young = pb.YoungMan("Taro")
    assert_output(submission.take_output(), "Initialized!", func="python_basics.YoungMan('Taro')",
                  hint=("super().__init__(name) で Man のコンストラクタを呼びます",
                        "call Man's constructor with super().__init__(name)"))
    young.hello()
    assert_output(submission.take_output(), "hi Mr. Taro!", func="YoungMan('Taro').hello()",
                  hint=("__init__ で self.name = 'Mr. ' + self.name、hello は 'hi ' + self.name + '!'",
                        "__init__ sets self.name = 'Mr. ' + self.name; hello prints 'hi ' + self.name + '!'"))
    young.goodbye()
    assert_output(submission.take_output(), "good bye Mr. Taro!", func="YoungMan('Taro').goodbye()",
                  hint=("goodbye は Man のものを継承。名前に 'Mr. ' を付けるのは __init__ で",
                        "goodbye is inherited from Man; put 'Mr. ' into the name in __init__"))
