"""自己チェック: Python の基本 / Self-check: Python basics."""
from autograder.checks import assert_equal, assert_output


def test_sign(submission):
    pb = submission.python_basics
    for x, value, word in [(-3, -1, "negative"), (0, 0, "zero"), (5, 1, "positive")]:
        got = pb.sign(x)
        printed = submission.take_output()
        assert_output(printed, word, func=f"python_basics.sign({x}) の表示 / output",
                      hint=("負なら negative、0 なら zero、正なら positive と print します",
                            "print negative, zero or positive"))
        assert_equal(got, value, func=f"python_basics.sign({x})",
                     hint=("-1, 0, 1 を return します(print だけでは戻り値になりません)",
                           "return -1, 0 or 1 (printing is not returning)"))


def test_tentimes(submission):
    numlist = [1, 2, 3, 4, 5]
    got = submission.python_basics.tentimes(numlist)
    assert_equal(got, [10, 20, 30, 40, 50], func="python_basics.tentimes([1, 2, 3, 4, 5])",
                 hint=("新しいリストに 10 倍した値を append します", "append ten times each value to a new list"))
    assert_equal(numlist, [1, 2, 3, 4, 5], func="python_basics.tentimes: 入力 / the input list",
                 hint=("受け取ったリストを書き換えないでください", "do not modify the list you were given"))


def test_sum_to(submission):
    assert_equal(submission.python_basics.sum_to(100), 5050, func="python_basics.sum_to(100)",
                 hint=("range(1, n + 1) は 1 から n まで", "range(1, n + 1) runs from 1 to n"))


def test_man(submission):
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
    pb = submission.python_basics
    young = pb.YoungMan("Taro")
    submission.take_output()
    young.hello()
    assert_output(submission.take_output(), "hi Mr. Taro!", func="YoungMan('Taro').hello()",
                  hint=("hello だけを上書き(オーバーライド)します", "override hello only"))
