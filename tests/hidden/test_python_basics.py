"""Hidden suite: python_basics (the course's Python exercises, 001:1163-1418).

Every expected value is written down (or computed) before the student's code runs.
"""
import numpy as np
import pytest

from autograder.checks import assert_close, assert_equal, assert_output, assert_that, likely

SIGN_HINT = ("負なら negative と表示して -1、0 なら zero と表示して 0、正なら positive と表示して 1 を返します",
             "print negative / zero / positive and return -1 / 0 / 1")
TENTIMES_HINT = ("新しいリストを作って 10 倍した値を入れます", "build a new list holding ten times each value")
SUM_HINT = ("range(1, n + 1) は 1 から n まで(n を含む)。print ではなく return",
            "range(1, n + 1) runs from 1 up to and including n; return the total, do not just print it")
INPUT_HINT = ("受け取ったリストは書き換えず、新しいリストを返してください",
              "return a new list; do not modify the list you were given")
YOUNG_INIT_HINT = ("super().__init__(name) のあとで self.name = 'Mr. ' + self.name(授業 001:1388-1390)",
                   "super().__init__(name), then self.name = 'Mr. ' + self.name (course 001:1388-1390)")
YOUNG_HELLO_HINT = ("hello は 'hi ' + self.name + '!'。self.name にはもう 'Mr. ' が付いています",
                    "hello prints 'hi ' + self.name + '!'; self.name already starts with 'Mr. '")


def sign_mistakes(got):
    return [likely(got is None, "何も返していません(None): print は表示するだけで値を返しません。return で -1, 0, 1 を",
                   "nothing came back (None): print only shows the word; return -1, 0 or 1"),
            likely(isinstance(got, str), "単語(文字列)が返っています: 単語は print で表示し、戻り値は int の -1, 0, 1 です",
                   "a word (a string) came back: print the word and return the int -1, 0 or 1")]


NOTHING_RETURNED = ("何も返していません(None): print は表示するだけです。return total で値を返します",
                    "nothing came back (None): print only shows the total; return it")


def _is_int(value) -> bool:
    """int or a NumPy integer; bool, float and str are not."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _check_sign(submission, x, value, word):
    submission.take_output()
    got = submission.python_basics.sign(x)
    assert_output(submission.take_output(), word, func=f"python_basics.sign({x!r}) の表示 / output", hint=SIGN_HINT,
                  likely=[likely(lambda printed: x == 0 and printed.strip() == "positive",
                                 "0 で positive と表示しています: 0 の場合(elif x == 0)が抜けています",
                                 "0 printed positive: the case x == 0 (elif x == 0) is missing")])
    assert_equal(got, value, func=f"python_basics.sign({x!r})", hint=SIGN_HINT, likely=sign_mistakes(got))


# -- sign (001:1226-1249) ------------------------------------------------------------------

@pytest.mark.parametrize("x, value, word", [
    (-3, -1, "negative"), (-1, -1, "negative"), (0, 0, "zero"), (1, 1, "positive"), (7, 1, "positive"),
])
def test_sign_integers(submission, x, value, word):
    _check_sign(submission, x, value, word)


@pytest.mark.parametrize("x, value, word", [
    (-0.25, -1, "negative"), (0.0, 0, "zero"), (-0.0, 0, "zero"), (1e-12, 1, "positive"), (2.5, 1, "positive"),
])
def test_sign_floats(submission, x, value, word):
    _check_sign(submission, x, value, word)


def test_sign_large_values(submission):
    for x, value, word in ((10 ** 30, 1, "positive"), (-10 ** 30, -1, "negative"),
                           (1e300, 1, "positive"), (-1e300, -1, "negative")):
        _check_sign(submission, x, value, word)


def test_sign_returns_int(submission):
    for x, value in ((-4, -1), (0, 0), (4, 1), (-2.5, -1), (0.0, 0), (3.75, 1)):
        got = submission.python_basics.sign(x)
        submission.take_output()
        assert_equal(got, value, func=f"python_basics.sign({x!r})", hint=SIGN_HINT, likely=sign_mistakes(got))
        assert_that(_is_int(got), func=f"python_basics.sign({x!r})",
                    problem=("int の -1, 0, 1 を返してください(float や文字列ではなく)",
                             "return the int -1, 0 or 1 (not a float, not a string)"),
                    expected=f"int {value}", got=f"{type(got).__name__}: {got!r}", hint=SIGN_HINT,
                    likely=sign_mistakes(got))


# -- tentimes (001:1256-1325) --------------------------------------------------------------

def tentimes_mistakes(numlist):
    return [likely(list(numlist) * 10, "リストを 10 回繰り返しています(numlist * 10)。要素ごとに 10 倍した新しいリストを作ります",
                   "this repeats the list ten times (numlist * 10); make a new list of each value times ten"),
            likely(lambda got: len(numlist) > 1 and got == [numlist[0] * 10],
                   "最初の要素しかありません: return が for 文の中にあります",
                   "only the first element came back: the return is inside the for loop")]


def test_tentimes_course_example(submission):
    expected = [10, 20, 30, 40, 50]
    got = submission.python_basics.tentimes([1, 2, 3, 4, 5])
    assert_equal(got, expected, func="python_basics.tentimes([1, 2, 3, 4, 5])", hint=TENTIMES_HINT,
                 likely=tentimes_mistakes([1, 2, 3, 4, 5]))


def test_tentimes_empty_and_one_element(submission):
    for numlist, expected in (([3], [30]), ([], [])):
        got = submission.python_basics.tentimes(numlist)
        assert_equal(got, expected, func=f"python_basics.tentimes({numlist})",
                     hint=("空のリストには空のリストを返します。return は for 文の後に",
                           "an empty list gives an empty list; return after the loop, not inside it"),
                     likely=tentimes_mistakes(numlist))


def test_tentimes_negative_and_float(submission):
    expected = (-30.0, 0.0, 25.0, -1.0, 1e7)
    got = submission.python_basics.tentimes([-3, 0, 2.5, -0.1, 1e6])
    assert_that(isinstance(got, list) and len(got) == len(expected), func="python_basics.tentimes",
                problem=("同じ長さのリストを返してください", "return a list of the same length"),
                expected=list(expected), got=got, hint=TENTIMES_HINT,
                likely=tentimes_mistakes([-3, 0, 2.5, -0.1, 1e6]))
    assert_close(got, expected, rtol=1e-12, func="python_basics.tentimes([-3, 0, 2.5, -0.1, 1e6])",
                 hint=TENTIMES_HINT)


def test_tentimes_returns_list(submission):
    expected = [70, 80]
    got = submission.python_basics.tentimes([7, 8])
    assert_that(type(got) is list, func="python_basics.tentimes([7, 8])",
                problem=("list を返してください", "return a list"), expected="list [70, 80]",
                got=f"{type(got).__name__}: {got!r}", hint=TENTIMES_HINT)
    assert_equal(got, expected, func="python_basics.tentimes([7, 8])", hint=TENTIMES_HINT,
                 likely=tentimes_mistakes([7, 8]))


def test_tentimes_leaves_input_unchanged(submission):
    original, expected = [6, -2, 9], [60, -20, 90]
    called = submission.call_and_read_args(submission.python_basics.tentimes, list(original))
    got, (numlist,) = called.value, called.args
    assert_equal(got, expected, func="python_basics.tentimes([6, -2, 9])", hint=TENTIMES_HINT,
                 likely=tentimes_mistakes(original))
    assert_equal(numlist, original, func="python_basics.tentimes([6, -2, 9]): 入力のリスト / the input list",
                 hint=INPUT_HINT, came_back="input",
                 likely=[likely(expected, "入力のリストが 10 倍の値に書き換えられています",
                                "your input list was overwritten with ten times its values")])


# -- sum_to (001:1163-1186) ----------------------------------------------------------------

def sum_mistakes(n, got):
    return [likely(got is None, *NOTHING_RETURNED),
            likely(n * (n - 1) // 2, "n を足していない値です(range(n) は n - 1 まで)。range(1, n + 1) を使います",
                   "this leaves out n (range(n) stops at n - 1); use range(1, n + 1)")]


def test_sum_to_100(submission):
    expected = 5050                                      # 001:1180
    got = submission.python_basics.sum_to(100)
    assert_equal(got, expected, func="python_basics.sum_to(100)", hint=SUM_HINT, likely=sum_mistakes(100, got))


def test_sum_to_small_and_large(submission):
    for n, total in ((2, 3), (0, 0), (1, 1), (10, 55), (1000, 500500)):
        got = submission.python_basics.sum_to(n)
        assert_equal(got, total, func=f"python_basics.sum_to({n})", hint=SUM_HINT, likely=sum_mistakes(n, got))
        assert_that(_is_int(got), func=f"python_basics.sum_to({n})",
                    problem=("int を返してください", "return an int"), expected=f"int {total}",
                    got=f"{type(got).__name__}: {got!r}", hint=SUM_HINT)


# -- Man (001:1335-1374) -------------------------------------------------------------------

GOODBYE_MISTAKES = [likely(lambda printed: "goodbye" in printed,
                           "'goodbye' と 1 語で表示しています: 授業は 'good bye'(空白あり)",
                           "this prints 'goodbye' as one word; the course prints 'good bye' (with a space)")]


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
                        "print 'good bye ' + self.name + '!' (with a space in 'good bye')"), likely=GOODBYE_MISTAKES)


def test_man_methods_print_nothing_else(submission):
    man = submission.python_basics.Man("Taro")
    submission.take_output()
    man.hello()
    man.goodbye()
    assert_output(submission.take_output(), "hello Taro!\ngood bye Taro!",
                  func="Man('Taro').hello(); Man('Taro').goodbye()",
                  hint=("メソッドごとに 1 行だけ表示します", "each method prints exactly one line"), likely=GOODBYE_MISTAKES)


# -- YoungMan (001:1378-1418) --------------------------------------------------------------

def test_young_man_course_example(submission):
    expected = "Initialized!\nhi Mr. Taro!\ngood bye Mr. Taro!"      # 001:1414-1418
    submission.take_output()
    young = submission.python_basics.YoungMan("Taro")
    young.hello()
    young.goodbye()
    assert_output(submission.take_output(), expected,
                  func="m = YoungMan('Taro'); m.hello(); m.goodbye()", hint=YOUNG_INIT_HINT,
                  likely=[*young_mistakes("Taro"), *GOODBYE_MISTAKES])


def young_mistakes(name):
    return [likely(lambda printed: "Initialized!" not in printed,
                   "'Initialized!' が表示されていません: super().__init__(name) で Man の __init__ を呼ぶと表示されます",
                   "'Initialized!' was not printed: calling Man's __init__ with super().__init__(name) prints it"),
            likely(lambda printed: "Mr. Mr." in printed,
                   "'Mr. ' が 2 回付いています: __init__ で名前に付けたら、hello では付けません",
                   "'Mr. ' appears twice: once it is in the name (__init__), hello must not add it again"),
            likely(lambda printed: f"hi {name}!" in printed,
                   "hello に 'Mr. ' がありません: __init__ で self.name = 'Mr. ' + self.name(授業 001:1388-1390)",
                   "'Mr. ' is missing from hello: set self.name = 'Mr. ' + self.name in __init__ (course 001:1388-1390)"),
            likely(lambda printed: f"good bye {name}!" in printed,
                   "goodbye の名前に 'Mr. ' が付いていません: hello だけでなく、__init__ で self.name に付けます",
                   "'Mr. ' is not in the name goodbye prints: put it into self.name in __init__, not into hello only")]


def test_young_man_init_calls_the_parents(submission):
    submission.take_output()
    submission.python_basics.YoungMan("Jiro")
    assert_output(submission.take_output(), "Initialized!", func="python_basics.YoungMan('Jiro')",
                  hint=("super().__init__(name) で Man のコンストラクタを呼びます",
                        "call Man's constructor with super().__init__(name)"), likely=young_mistakes("Jiro"))


def test_young_man_hello(submission):
    for name in ("Jiro", "Hanako"):
        young = submission.python_basics.YoungMan(name)
        submission.take_output()
        young.hello()
        assert_output(submission.take_output(), f"hi Mr. {name}!", func=f"YoungMan({name!r}).hello()",
                      hint=YOUNG_HELLO_HINT, likely=young_mistakes(name)[1:])   # the constructor printed earlier


def test_young_man_goodbye_says_mr(submission):
    for name in ("Jiro", "Hanako"):
        young = submission.python_basics.YoungMan(name)
        submission.take_output()
        young.goodbye()
        assert_output(submission.take_output(), f"good bye Mr. {name}!", func=f"YoungMan({name!r}).goodbye()",
                      hint=("goodbye は Man のものですが、self.name が 'Mr. ' で始まるので 'good bye Mr. …!'",
                            "goodbye is Man's, but self.name starts with 'Mr. ', so it prints 'good bye Mr. …!'"),
                      likely=[*young_mistakes(name)[1:], *GOODBYE_MISTAKES])
