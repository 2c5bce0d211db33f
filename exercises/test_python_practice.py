"""自己チェック: Python の練習 / Self-check: Python practice (lecture 001:553-1497)."""
from autograder.checks import assert_equal, assert_output


def test_add(submission):
    got = submission.python_practice.add(10, 30)
    assert_equal(got, 40, func="python_practice.add(10, 30)",
                 hint=("return で値を返します(print ではなく)", "return the value (do not just print it)"))
    assert_equal(submission.python_practice.add("こんにち", "は"), "こんにちは", func="python_practice.add('こんにち', 'は')")
    submission.take_output()


def test_set_height(submission):
    called = submission.call_and_read_args(submission.python_practice.set_height, {"sato": 180, "yamada": 170},
                                           "kato", 175)
    assert_equal(called.args[0], {"sato": 180, "yamada": 170, "kato": 175},
                 func="python_practice.set_height(height, 'kato', 175): height afterwards",
                 hint=("d[x] = y の形で、x には変数 name を使います", "write d[x] = y with the variable name as x"))


def test_describe(submission):
    for a, line in ((150, "aは100より大きい"), (100, "aは0より大きくて100以下です"), (0, "aは0以下です")):
        submission.take_output()
        submission.python_practice.describe(a)
        assert_output(submission.take_output(), line, func=f"python_practice.describe({a}) の表示 / output",
                      hint=("if / elif / else で 1 行だけ表示します。100 は「100以下」", "print one line; 100 is 'at most 100'"))


def test_number_words(submission):
    submission.take_output()
    submission.python_practice.number_words(["cat", "dog", "lion"])
    assert_output(submission.take_output(), "cat: 1\ndog: 2\nlion: 3",
                  func="python_practice.number_words(['cat', 'dog', 'lion']) の表示 / output",
                  hint=("番号は 1 から。str(a) で数を文字列に", "numbers start at 1; str(a) makes a string"))


def test_parities(submission):
    assert_equal(submission.python_practice.parities([1, 2, 3, 4, -5, 0]), ["odd", "even", "odd", "even", "odd", "even"],
                 func="python_practice.parities([1, 2, 3, 4, -5, 0])",
                 hint=("'odd' if y % 2 == 1 else 'even' を内包表記で", "'odd' if y % 2 == 1 else 'even' in a comprehension"))


def test_names_by_height(submission):
    height = {"sato": 180, "yamada": 170, "kato": 175}
    assert_equal(submission.python_practice.names_by_height(height), ["yamada", "kato", "sato"],
                 func="python_practice.names_by_height(height)",
                 hint=("key にラムダ式 lambda name: height[name] を渡します", "pass lambda name: height[name] as the key"))
    assert_equal(submission.python_practice.names_by_height(height, True), ["sato", "kato", "yamada"],
                 func="python_practice.names_by_height(height, tallest_first=True)")


def test_sort_by_length(submission):
    called = submission.call_and_read_args(submission.python_practice.sort_by_length, [[1, 2, 3], [4, 5], [6]])
    assert_equal(called.args[0], [[6], [4, 5], [1, 2, 3]], func="python_practice.sort_by_length: x afterwards",
                 hint=("x.sort(key=len) で x そのものを並べ替えます", "x.sort(key=len) sorts x itself"))


def test_insert_sorted(submission):
    called = submission.call_and_read_args(submission.python_practice.insert_sorted, [5, 1, 7], 10)
    assert_equal(called.args[0], [1, 5, 7, 10], func="python_practice.insert_sorted([5, 1, 7], 10): x afterwards",
                 hint=("x.append(v) の後で x.sort()", "x.append(v), then x.sort()"))
