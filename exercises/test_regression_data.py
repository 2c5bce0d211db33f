"""自己チェック: 回帰のためのデータ準備 / Self-check: preparing the data for regression (lecture 002:38-58)."""
import numpy as np

from autograder.checks import assert_close, assert_that

# 講義の身長・体重データ / the course's height and weight data (002:38-40)
DATA = np.array([[166, 58.7], [176, 75.7], [171, 62.1], [173, 70.4], [169, 60.1]])
CENTRED = np.array([[-5.0, -6.7], [5.0, 10.3], [0.0, -3.3], [2.0, 5.0], [-2.0, -5.3]])
X = np.array([[1.0, -5.0], [1.0, 5.0], [1.0, 0.0], [1.0, 2.0], [1.0, -2.0]])


def test_center(submission):
    called = submission.call_and_read_args(submission.regression_data.center, DATA.copy())
    assert_close(called.value, CENTRED, rtol=1e-9, atol=1e-9, func="regression_data.center(講義のデータ / the course's data)",
                 hint=("列ごとの平均 (171, 65.4) を引きます: data.mean(axis=0)",
                       "subtract the column means (171, 65.4): data.mean(axis=0)"))
    assert_close(called.args[0], DATA, rtol=0, func="regression_data.center: data afterwards",
                 hint=("data -= ... は元の配列を書き換えます", "data -= ... overwrites the caller's array"))


def test_split_columns(submission):
    got = submission.regression_data.split_columns(CENTRED)
    assert_that(isinstance(got, (tuple, list)) and len(got) == 2, func="regression_data.split_columns",
                problem=("(x, yt) を返してください", "return (x, yt)"), got=got)
    x, yt = got
    assert_close(x, [[-5.0], [5.0], [0.0], [2.0], [-2.0]], rtol=1e-12, func="regression_data.split_columns: x",
                 hint=("data[:, 0:1] で形 (5, 1) の行列のまま取り出します", "data[:, 0:1] keeps an (5, 1) matrix"))
    assert_close(yt, [-6.7, 10.3, -3.3, 5.0, -5.3], rtol=1e-12, func="regression_data.split_columns: yt",
                 hint=("data[:, 1] で形 (5,) のベクトルに", "data[:, 1] gives an (5,) vector"))


def test_add_dummy(submission):
    got = submission.regression_data.add_dummy(CENTRED[:, 0:1])
    assert_close(got, X, rtol=1e-12, func="regression_data.add_dummy(x of shape (5, 1))",
                 hint=("np.insert(x, 0, 1.0, axis=1): 0 番目の列に 1.0", "np.insert(x, 0, 1.0, axis=1): ones as column 0"))


def test_pred(submission):
    got = submission.regression_data.pred(X, np.array([2.0, -1.0]))
    assert_close(got, [7.0, -3.0, 2.0, 0.0, 4.0], rtol=1e-12, atol=1e-12, func="regression_data.pred(x, w=(2, -1))",
                 hint=("x @ w(内積)です", "x @ w (the matrix product)"))


def test_prepare(submission):
    got = submission.regression_data.prepare(DATA)
    assert_that(isinstance(got, (tuple, list)) and len(got) == 2, func="regression_data.prepare",
                problem=("(x, yt) を返してください", "return (x, yt)"), got=got)
    x, yt = got
    assert_close(x, X, rtol=1e-9, atol=1e-9, func="regression_data.prepare(講義のデータ / the course's data): x")
    assert_close(yt, CENTRED[:, 1], rtol=1e-9, atol=1e-9, func="regression_data.prepare: yt")
    loss = np.mean((X @ np.array([2.0, -1.0]) - np.asarray(yt, dtype=np.float64)) ** 2) / 2
    assert_close(loss, 50.416, rtol=1e-9, func="w = (2, -1) での損失 / the loss at w = (2, -1) (講義 / lecture: 50.4)")
