"""自己チェック: ワークショップの NumPy / Self-check: NumPy in the workshop (lecture 000:437-546, 797)."""
import numpy as np

from autograder.checks import assert_close, assert_equal, assert_that

X = np.array([[1, 3], [5, 3], [9, 11]])   # 講義 / lecture 000:533
Y = np.array([11, 22])


def test_shift_and_scale(submission):
    called = submission.call_and_read_args(submission.numpy_workshop.shift_and_scale, np.array([1, 2, 3]))
    b, c = called.value
    assert_close(b, [4, 5, 6], rtol=0, func="numpy_workshop.shift_and_scale([1, 2, 3]): b = a + 3")
    assert_close(c, [40, 50, 60], rtol=0, func="numpy_workshop.shift_and_scale([1, 2, 3]): c = b * 10",
                 hint=("a ではなく b に 10 を掛けます。リストに * 10 をすると繰り返しになります",
                       "multiply b (not a) by 10; a list times 10 repeats the list"))
    assert_close(called.args[0], [1, 2, 3], rtol=0, func="numpy_workshop.shift_and_scale: a afterwards",
                 hint=("a += 3 は a を書き換えます", "a += 3 overwrites a"))
    b, c = submission.numpy_workshop.shift_and_scale(np.array([[1, 2, 4], [3, 5, 7]]), 1, 2)
    assert_close(c, [[4, 6, 10], [8, 12, 16]], rtol=0, func="numpy_workshop.shift_and_scale(D, 1, 2): c",
                 hint=("2 次元の配列でもそのまま計算できます", "the same code works on a 2-D array"))


def test_inspect_matrix(submission):
    z, row, element, shape = submission.numpy_workshop.inspect_matrix(X, Y)
    assert_close(z, [77, 121, 341], rtol=0, func="numpy_workshop.inspect_matrix: np.dot(X, y)")
    assert_close(row, [1, 3], rtol=0, func="numpy_workshop.inspect_matrix: X[0]",
                 hint=("添字は 0 から数えます", "indices count from 0"))
    assert_close(element, 3, rtol=0, func="numpy_workshop.inspect_matrix: X[0][1]",
                 hint=("0 行目の 1 列目", "row 0, column 1"))
    assert_equal(shape, (3, 2), func="numpy_workshop.inspect_matrix: X.shape",
                 hint=("(行数, 列数) のタプル", "the tuple (rows, columns)"))


def test_index_or_none(submission):
    f = submission.numpy_workshop.index_or_none
    assert_close(f(X, 2), [9, 11], rtol=0, func="numpy_workshop.index_or_none(X, 2)")
    assert_close(f(X, 1, 0), 5, rtol=0, func="numpy_workshop.index_or_none(X, 1, 0)")
    for args in ((X, 3), (X, 1, 2), (Y, 0, 1)):
        got = f(*args)
        assert_that(got is None, func=f"numpy_workshop.index_or_none(*{args!r})",
                    problem=("IndexError になる添字には None を返します", "an index that raises IndexError gives None"),
                    expected=None, got=got, hint=("try: ... except IndexError: return None", "try / except IndexError"))
    assert_close(f(X, -1), [9, 11], rtol=0, func="numpy_workshop.index_or_none(X, -1)",
                 hint=("-1 は最後の行です(有効な添字)", "-1 is the last row (a valid index)"))


def test_random_batch(submission):
    x = np.arange(60000).reshape(-1, 1)
    t = np.arange(60000) % 10
    xb, tb = submission.numpy_workshop.random_batch(x, t, 100, 0)
    rows = np.asarray(xb)[:, 0]
    assert_equal(np.asarray(tb), rows % 10, func="numpy_workshop.random_batch: t_batch",
                 hint=("x と t は同じ行番号で取り出します", "take x and t with the same row numbers"))
    assert_equal(len(set(rows.tolist())), 100, func="numpy_workshop.random_batch: 異なる行の数 / distinct rows",
                 hint=("replace=False で同じ行を 2 回選ばないように", "replace=False: never the same row twice"))
    xb, tb = submission.numpy_workshop.random_batch(x[:10], t[:10], 10, 1)
    assert_equal(sorted(np.asarray(xb)[:, 0].tolist()), list(range(10)),
                 func="numpy_workshop.random_batch(10 行から 10 個 / 10 of 10 rows)",
                 hint=("非復元抽出なら全部の行がちょうど 1 回ずつ", "without replacement every row appears exactly once"))
    again = submission.numpy_workshop.random_batch(x, t, 100, 0)[0]
    other = submission.numpy_workshop.random_batch(x, t, 100, 1)[0]
    assert_that(np.array_equal(np.asarray(again)[:, 0], rows) and not np.array_equal(np.asarray(other)[:, 0], rows),
                func="numpy_workshop.random_batch: seed",
                problem=("同じ seed で同じ、違う seed で違うミニバッチになりません",
                         "the same seed should repeat the batch and another seed change it"),
                hint=("np.random.default_rng(seed) を使います", "use np.random.default_rng(seed)"))
