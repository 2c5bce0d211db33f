"""Hidden suite: python_practice (add, dict, if/elif, for, comprehension, lambda, sort/append; lecture 001:553-1497).

Printed output is compared line by line (trailing spaces ignored). Functions that work in
place (set_height, sort_by_length, insert_sorted) are checked through the arguments as the
call left them (submission.call_and_read_args), always on inputs that the call must change.
"""
import pytest

from autograder.checks import assert_equal, assert_output, assert_that, likely

ADD_HINT = ("ans = x + y を return します(print では値が返りません)",
            "return ans = x + y (print does not give a value back)")
HEIGHT_HINT = ("height[name] = cm: キーは変数 name の中身です(\"name\" という文字列ではありません)",
               "height[name] = cm: the key is what the variable name holds (not the string \"name\")")
DESCRIBE_HINT = ("if a > 100: / elif a > 0: / else: の順。100 は「0より大きくて100以下」、0 は「0以下」",
                 "if a > 100: / elif a > 0: / else:, in that order; 100 is the middle case and 0 the last")
WORDS_HINT = ("a = 1 から始め、print(w + \": \" + str(a)) の後で a = a + 1",
              "start with a = 1; print(w + \": \" + str(a)), then a = a + 1")
PARITY_HINT = ("['odd' if y % 2 == 1 else 'even' for y in nums](% は余り、// は整数の割り算)",
               "['odd' if y % 2 == 1 else 'even' for y in nums] (% is the remainder, // the integer division)")
NAMES_HINT = ("sorted(height, key=lambda name: height[name], reverse=tallest_first)",
              "sorted(height, key=lambda name: height[name], reverse=tallest_first)")
SORT_HINT = ("x.sort(key=len) は x そのものを並べ替えます(x = sorted(...) では呼び出し元は変わりません)",
             "x.sort(key=len) sorts x itself (x = sorted(...) leaves the caller's list alone)")
INSERT_HINT = ("x.append(v) の次に x.sort()(どちらも None を返すのでつなげられません)",
               "x.append(v), then x.sort() (both return None, so they cannot be chained)")
COURSE_HEIGHT = {"sato": 180, "yamada": 170}


# -- known mistakes, named when what came back (or was printed) is what they give ---------------
def add_mistakes(got):
    return [likely(got is None, "何も返していません(None): print は表示するだけで値を返しません",
                   "nothing came back (None): print only shows the sum, it does not give it back")]


def describe_mistakes(a):
    lines = ("aは100より大きい", "aは0より大きくて100以下です", "aは0以下です")
    return [likely(lambda printed: len(printed.strip().splitlines()) > 1,
                   "2 行表示しています: 2 つ目の条件は新しい if でなく elif にします",
                   "two lines were printed: make the second condition elif, not another if"),
            likely(lambda printed: (a == 100 and printed.strip() == lines[0]) or (a == 0 and printed.strip() == lines[1]),
                   f"{a} が上の枝に入っています: 条件は a > 100、a > 0 です(>= ではなく)",
                   f"{a} landed in the branch above: the conditions are a > 100 and a > 0 (not >=)")]


def input_kept(original, ja, en):
    """The argument came back as it went in, although the call must change it."""
    return [likely(lambda got: got == original, ja, en)]


# -- add --------------------------------------------------------------------------------------

def test_add_course_example(submission):
    got = submission.python_practice.add(10, 30)
    submission.take_output()
    assert_equal(got, 40, func="python_practice.add(10, 30)", hint=ADD_HINT, likely=add_mistakes(got))


def test_add_numbers(submission):
    for x, y in ((-7, 3), (0.1, 0.2), (2.5, -2.5), (10 ** 20, 1), (3, 0.5)):
        got = submission.python_practice.add(x, y)
        assert_equal(got, x + y, func=f"python_practice.add({x!r}, {y!r})", hint=ADD_HINT, likely=add_mistakes(got))
        assert_that(type(got) is type(x + y), func=f"python_practice.add({x!r}, {y!r})",
                    problem=("int と float の区別が変わりました", "the type of the sum changed"),
                    expected=type(x + y).__name__, got=type(got).__name__, hint=ADD_HINT)
    submission.take_output()


def test_add_strings_and_lists(submission):
    # 文字列の連結 (001:801-805)、リストの連結 (001:891-904) / joining strings and lists
    for x, y in (("こんにちは", "こんにちは"), ("cat", ""), ([1, 2, 3], [4, 5, 6]), ([], ["x"])):
        got = submission.python_practice.add(x, y)
        assert_equal(got, x + y, func=f"python_practice.add({x!r}, {y!r})",
                     hint=("+ は文字列やリストをつなげます。x + y をそのまま返せば両方に使えます",
                           "+ joins strings and lists too: returning x + y works for both"), likely=add_mistakes(got))
    submission.take_output()


# -- set_height -------------------------------------------------------------------------------
HEIGHT_MISTAKES = [likely(lambda got: isinstance(got, dict) and "name" in got,
                          "キー 'name'(その文字列そのもの)の下に入っています: 引用符なしの height[name] と書きます",
                          "the value went under the key 'name' itself: write height[name], without quotes")]


def test_set_height_course_example(submission):
    called = submission.call_and_read_args(submission.python_practice.set_height, dict(COURSE_HEIGHT), "kato", 175)
    assert_equal(called.args[0], {"sato": 180, "yamada": 170, "kato": 175},
                 func="python_practice.set_height({'sato': 180, 'yamada': 170}, 'kato', 175): height afterwards",
                 hint=HEIGHT_HINT, came_back="input", likely=HEIGHT_MISTAKES)


def test_set_height_replaces_and_adds(submission):
    height = {"sato": 180, "yamada": 170, "kato": 175}
    called = submission.call_and_read_args(submission.python_practice.set_height, height, "sato", 181.5)
    assert_equal(called.args[0], {"sato": 181.5, "yamada": 170, "kato": 175},
                 func="python_practice.set_height(..., 'sato', 181.5): height afterwards",
                 hint=("すでにあるキーなら値が置き換わります", "an existing key gets the new value"), came_back="input",
                 likely=HEIGHT_MISTAKES)
    called = submission.call_and_read_args(submission.python_practice.set_height, {}, "田中", 165)
    assert_equal(called.args[0], {"田中": 165}, func="python_practice.set_height({}, '田中', 165): height afterwards",
                 hint=HEIGHT_HINT, came_back="input", likely=HEIGHT_MISTAKES)


# -- describe ---------------------------------------------------------------------------------

@pytest.mark.parametrize("a, line", [
    (150, "aは100より大きい"),                 # 講義の例 / the lecture's example (001:1016-1029)
    (101, "aは100より大きい"),
    (100.5, "aは100より大きい"),
])
def test_describe_above_100(submission, a, line):
    submission.take_output()
    submission.python_practice.describe(a)
    assert_output(submission.take_output(), line, func=f"python_practice.describe({a!r}) の表示 / output",
                  hint=DESCRIBE_HINT, likely=describe_mistakes(a))


@pytest.mark.parametrize("a, line", [
    (100, "aは0より大きくて100以下です"),
    (50, "aは0より大きくて100以下です"),
    (0.5, "aは0より大きくて100以下です"),
    (0, "aは0以下です"),
    (-3, "aは0以下です"),
    (-1e9, "aは0以下です"),
])
def test_describe_boundaries(submission, a, line):
    submission.take_output()
    submission.python_practice.describe(a)
    assert_output(submission.take_output(), line, func=f"python_practice.describe({a!r}) の表示 / output",
                  hint=DESCRIBE_HINT, likely=describe_mistakes(a))


# -- number_words -----------------------------------------------------------------------------
WORDS_MISTAKES = [likely(lambda printed: printed.strip().splitlines()[0].endswith(": 0"),
                         "番号が 0 から始まっています: a = 1 から(enumerate なら start=1)",
                         "the numbers start at 0: start with a = 1 (enumerate(..., start=1))")]


def test_number_words_course_example(submission):
    submission.take_output()
    submission.python_practice.number_words(["cat", "dog", "lion"])
    assert_output(submission.take_output(), "cat: 1\ndog: 2\nlion: 3",
                  func="python_practice.number_words(['cat', 'dog', 'lion']) の表示 / output", hint=WORDS_HINT,
                  likely=WORDS_MISTAKES)


def test_number_words_other_lists(submission):
    words = ["ねこ", "いぬ", "ライオン", "ねこ", "tiger", "a", "b", "c", "d", "e", "f"]
    submission.take_output()
    submission.python_practice.number_words(words)
    expected = "\n".join(f"{w}: {k}" for k, w in enumerate(words, start=1))
    assert_output(submission.take_output(), expected, func="python_practice.number_words(11 words) の表示 / output",
                  hint=WORDS_HINT, likely=WORDS_MISTAKES)
    submission.python_practice.number_words(["only"])
    assert_output(submission.take_output(), "only: 1", func="python_practice.number_words(['only']) の表示 / output",
                  hint=WORDS_HINT, likely=WORDS_MISTAKES)


# -- parities ---------------------------------------------------------------------------------
def parity_mistakes(nums):
    return [likely(["odd" if y // 2 == 1 else "even" for y in nums],
                   "y // 2(整数の割り算)で判定した値です: 偶数か奇数かは余り y % 2 で",
                   "this tests y // 2 (the integer division); odd or even is the remainder y % 2")]


def test_parities_course_example(submission):
    got = submission.python_practice.parities([1, 2, 3, 4])
    assert_equal(got, ["odd", "even", "odd", "even"], func="python_practice.parities([1, 2, 3, 4])", hint=PARITY_HINT,
                 likely=parity_mistakes([1, 2, 3, 4]))


def test_parities_other_numbers(submission):
    nums = [0, 7, 10, 11, 99, 100, 2 ** 40 + 1, 5, 6]
    got = submission.python_practice.parities(nums)
    assert_equal(got, ["odd" if y % 2 == 1 else "even" for y in nums], func=f"python_practice.parities({nums})",
                 hint=PARITY_HINT, likely=parity_mistakes(nums))


def test_parities_negative_numbers_and_empty(submission):
    nums = [-3, -2, -1, 0, 1]
    got = submission.python_practice.parities(nums)
    assert_equal(got, ["odd", "even", "odd", "even", "odd"], func=f"python_practice.parities({nums})",
                 hint=("Python では -3 % 2 == 1 なので、講義の式のままで負の数も正しく判定できます",
                       "in Python -3 % 2 == 1, so the lecture's test works for negative numbers too"),
                 likely=parity_mistakes(nums))
    assert_equal(submission.python_practice.parities([]), [], func="python_practice.parities([])",
                 hint=("空のリストには空のリスト", "an empty list gives an empty list"))


# -- names_by_height --------------------------------------------------------------------------
def names_mistakes(height, tallest_first=False):
    return [likely(sorted(height, reverse=tallest_first), "名前のアルファベット順です: key=lambda name: height[name] で身長の順に",
                   "these are the names in alphabetical order; sort by height with key=lambda name: height[name]"),
            likely(lambda got: bool(got) and all(isinstance(v, (tuple, list)) for v in got),
                   "(名前, 身長) の組が返っています: 名前だけのリストを返します",
                   "(name, height) pairs came back; return the names only")]


def test_names_by_height_course_example(submission):
    height = {"sato": 180, "yamada": 170, "kato": 175}        # 001:937-962
    got = submission.python_practice.names_by_height(height)
    assert_equal(got, ["yamada", "kato", "sato"], func="python_practice.names_by_height({sato: 180, yamada: 170, kato: 175})",
                 hint=NAMES_HINT, likely=names_mistakes(height))


def test_names_by_height_tallest_first(submission):
    height = {"sato": 180, "yamada": 170, "kato": 175}
    got = submission.python_practice.names_by_height(height, True)
    assert_equal(got, ["sato", "kato", "yamada"], func="python_practice.names_by_height(..., tallest_first=True)",
                 hint=("reverse=True で逆順(高い順)", "reverse=True for the reverse (tallest first)"),
                 likely=names_mistakes(height, True))


def test_names_by_height_other_dicts(submission):
    height = {"abe": 162.5, "ito": 181.0, "ueda": 158.0, "endo": 170.2, "oda": 175.9, "kudo": 149.9}
    got = submission.python_practice.names_by_height(height)
    assert_equal(got, ["kudo", "ueda", "abe", "endo", "oda", "ito"], func="python_practice.names_by_height(6 names)",
                 hint=NAMES_HINT, likely=names_mistakes(height))
    got = submission.python_practice.names_by_height({"z": 1}, True)
    assert_equal(got, ["z"], func="python_practice.names_by_height({'z': 1}, True)", hint=NAMES_HINT)


# -- sort_by_length ---------------------------------------------------------------------------
SORT_KEPT = ("呼び出し元のリストが並んでいません: x = sorted(...) は新しいリストを作るだけです。x.sort(key=len) で",
             "the caller's list is not sorted: x = sorted(...) only makes a new list; use x.sort(key=len)")


def test_sort_by_length_course_example(submission):
    called = submission.call_and_read_args(submission.python_practice.sort_by_length, [[1, 2, 3], [4, 5], [6]])
    assert_equal(called.args[0], [[6], [4, 5], [1, 2, 3]],
                 func="python_practice.sort_by_length([[1, 2, 3], [4, 5], [6]]): x afterwards", hint=SORT_HINT,
                 came_back="input", likely=input_kept([[1, 2, 3], [4, 5], [6]], *SORT_KEPT))


def test_sort_by_length_strings_keep_ties_in_order(submission):
    x = ["elephant", "cat", "lion", "ox", "dog", "tiger", "bee"]
    called = submission.call_and_read_args(submission.python_practice.sort_by_length, x)
    assert_equal(called.args[0], ["ox", "cat", "dog", "bee", "lion", "tiger", "elephant"],
                 func=f"python_practice.sort_by_length({x}): x afterwards",
                 hint=("key=len で長さの順。同じ長さは元の順番のまま(sort は安定)",
                       "key=len orders by length; equal lengths keep their order (sort is stable)"),
                 came_back="input", likely=input_kept(x, *SORT_KEPT))


# -- insert_sorted ----------------------------------------------------------------------------
INSERT_KEPT = ("呼び出し元のリストが変わっていません: x = sorted(...) は名前 x を新しいリストに付け直すだけです。"
               "x.append(v) と x.sort() で",
               "the caller's list did not change: x = sorted(...) only rebinds the name x to a new list; "
               "use x.append(v) and x.sort()")


def test_insert_sorted_course_example(submission):
    called = submission.call_and_read_args(submission.python_practice.insert_sorted, [5, 1, 7], 10)
    assert_equal(called.args[0], [1, 5, 7, 10], func="python_practice.insert_sorted([5, 1, 7], 10): x afterwards",
                 hint=INSERT_HINT, came_back="input", likely=input_kept([5, 1, 7], *INSERT_KEPT))


def test_insert_sorted_other_lists(submission):
    for x, v in (([1, 2, 3], 0), ([], 4), ([2.5, -1, 2.5], 2.5), ([9, 3, 6, 3], -8)):
        called = submission.call_and_read_args(submission.python_practice.insert_sorted, list(x), v)
        assert_equal(called.args[0], sorted(x + [v]), func=f"python_practice.insert_sorted({x}, {v}): x afterwards",
                     hint=INSERT_HINT, came_back="input", likely=input_kept(x, *INSERT_KEPT))
