"""Hidden suite: regression_data (centring, columns, the dummy column, predictions; lecture 002:38-58).

Values are compared with rtol=1e-12 (atol=1e-12 for entries that are 0 after centring): every
function is a few exact float operations. The course's data reproduce the lecture's numbers:
mean (171, 65.4), the centred rows, predictions (7, -3, 2, 0, 4) for w = (2, -1) with loss 50.416,
and, fed to the lecture's gradient descent (002:74-82), L = 2.306147 and w = (0.267959, 1.820690)
after 200 steps.
"""
import numpy as np

from autograder.checks import assert_close, assert_that, likely

DATA = np.array([[166, 58.7], [176, 75.7], [171, 62.1], [173, 70.4], [169, 60.1]])
CENTRED = np.array([[-5.0, -6.7], [5.0, 10.3], [0.0, -3.3], [2.0, 5.0], [-2.0, -5.3]])
X_COURSE = np.array([[1.0, -5.0], [1.0, 5.0], [1.0, 0.0], [1.0, 2.0], [1.0, -2.0]])
YT_COURSE = CENTRED[:, 1]
TOL = dict(rtol=1e-12, atol=1e-12)

CENTER_HINT = ("列ごとの平均 data.mean(axis=0)(形 (D,))を引きます。ブロードキャストで各行から引かれます",
               "subtract the column means data.mean(axis=0) (shape (D,)); broadcasting subtracts them from every row")
UNCHANGED_HINT = ("data -= ... は呼び出し元の配列を書き換えます。data - ... で新しい配列を作りましょう",
                  "data -= ... overwrites the caller's array; data - ... makes a new one")
SPLIT_HINT = ("x = data[:, 0:1](形 (N, 1) の行列)、yt = data[:, 1](形 (N,) のベクトル)",
              "x = data[:, 0:1] (an (N, 1) matrix), yt = data[:, 1] (an (N,) vector)")
DUMMY_HINT = ("np.insert(x, 0, 1.0, axis=1): 0 番目に、値 1.0 を、列方向に挿入",
              "np.insert(x, 0, 1.0, axis=1): at position 0, the value 1.0, as a column")
PRED_HINT = ("yp = x @ w(行列とベクトルの積)。x * w は要素ごとの積です",
             "yp = x @ w (the matrix-vector product); x * w is element-wise")
PAIR_PROBLEM = ("(x, yt) の 2 つを返してください", "return the pair (x, yt)")


# -- known mistakes, named when what came back is what they give ---------------------------------
def center_mistakes(data):
    return [likely(data - data.mean(), "全要素の平均を引いた値です: 列ごとの平均 data.mean(axis=0) を引きます",
                   "this subtracts the mean of every element; subtract the column means, data.mean(axis=0)")]


def x_mistakes(data):
    return [likely(data[:, 0], "x がベクトル (N,) です(data[:, 0])。data[:, 0:1] なら (N, 1) の行列のまま",
                   "x is a vector (N,) (data[:, 0]); data[:, 0:1] keeps it an (N, 1) matrix")]


def yt_mistakes(data):
    return [likely(data[:, 1:2], "yt が列 (N, 1) です(data[:, 1:2])。yp - yt が (N, N) に広がります。data[:, 1] で (N,) に",
                   "yt is a column (N, 1) (data[:, 1:2]), so yp - yt would broadcast to (N, N); data[:, 1] gives (N,)")]


def dummy_mistakes(x):
    return [likely(np.hstack([x, np.ones((len(x), 1))]), "1 の列(ダミー変数)が最後にあります: 0 番目に挿入します",
                   "the dummy column of ones is last; insert it at position 0"),
            likely(np.insert(x, 0, 1.0, axis=0), "1 の「行」が挿入されています(axis=0)。列として axis=1 で挿入します",
                   "a row of ones was inserted (axis=0); insert a column with axis=1")]


def pred_mistakes(x, w):
    return [likely(x * w, "x * w(要素ごとの積)の値です: 予測は行列とベクトルの積 x @ w",
                   "this is x * w (element-wise); the prediction is the matrix-vector product x @ w")]


def _pair(got, func):
    __tracebackhide__ = True
    assert_that(isinstance(got, (tuple, list)) and len(got) == 2, func=func, problem=PAIR_PROBLEM,
                expected="(x, yt)", got=got)
    return got


def _course_gradient_descent(x, yt, w=(2.0, -1.0), alpha=0.01, iters=200):
    """The lecture's loop (002:74-79): rows (k, L before the update, w0, w1 after it)."""
    w = np.array(w, dtype=np.float64)
    rows = []
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        w = w - alpha * (x.T @ yd) / len(yt)
        rows.append((k, loss, w[0], w[1]))
    return np.array(rows)


# -- center -----------------------------------------------------------------------------

def test_center_course_data(submission):
    got = submission.regression_data.center(DATA)
    assert_close(got, CENTRED, **TOL, func="regression_data.center(講義のデータ / the course's data)",
                 hint=CENTER_HINT, likely=center_mistakes(DATA))


def test_center_other_data(submission):
    rng = np.random.default_rng(140)
    cases = [rng.normal(size=(7, 3)) * [1.0, 10.0, 100.0] + [5.0, -20.0, 300.0],
             rng.normal(size=(3, 3)) + 50.0,                     # square: a mean over rows would not fail loudly
             rng.integers(-100, 100, size=(4, 2)),               # ints: the centred values are floats
             rng.normal(size=(1, 4))]
    for data in cases:
        expected = data - data.mean(axis=0)
        got = submission.regression_data.center(data)
        assert_close(got, expected, **TOL, func=f"regression_data.center(shape {data.shape}, {data.dtype})",
                     hint=CENTER_HINT, likely=center_mistakes(data))


def test_center_leaves_data_unchanged(submission):
    data = np.random.default_rng(141).normal(size=(6, 2)) * 10 + [170.0, 65.0]
    expected, before = data - data.mean(axis=0), data.copy()
    called = submission.call_and_read_args(submission.regression_data.center, data)
    assert_close(called.value, expected, **TOL, func="regression_data.center(data (6, 2))", hint=CENTER_HINT,
                 likely=center_mistakes(before))
    assert_close(called.args[0], before, rtol=0, func="regression_data.center(data (6, 2)): data afterwards",
                 hint=UNCHANGED_HINT, came_back="input",
                 likely=[likely(expected, "入力の data が中心化した値に書き換えられています",
                                "your data was overwritten with the centred values")])


# -- split_columns ------------------------------------------------------------------------

def test_split_columns_course_data(submission):
    x, yt = _pair(submission.regression_data.split_columns(CENTRED), "regression_data.split_columns")
    assert_close(x, CENTRED[:, 0:1], **TOL, func="regression_data.split_columns: x (形 / shape (5, 1))",
                 hint=SPLIT_HINT, likely=x_mistakes(CENTRED))
    assert_close(yt, CENTRED[:, 1], **TOL, func="regression_data.split_columns: yt (形 / shape (5,))",
                 hint=SPLIT_HINT, likely=yt_mistakes(CENTRED))


def test_split_columns_other_data(submission):
    for n, seed in ((8, 142), (1, 143)):
        data = np.random.default_rng(seed).normal(size=(n, 2))
        x, yt = _pair(submission.regression_data.split_columns(data), "regression_data.split_columns")
        assert_close(x, data[:, 0:1], **TOL, func=f"regression_data.split_columns: x (N = {n})", hint=SPLIT_HINT,
                     likely=x_mistakes(data))
        assert_close(yt, data[:, 1], **TOL, func=f"regression_data.split_columns: yt (N = {n})", hint=SPLIT_HINT,
                     likely=yt_mistakes(data))


# -- add_dummy ----------------------------------------------------------------------------

def test_add_dummy_course_x(submission):
    got = submission.regression_data.add_dummy(CENTRED[:, 0:1])
    assert_close(got, X_COURSE, **TOL, func="regression_data.add_dummy(講義の x / the course's x, (5, 1))",
                 hint=DUMMY_HINT, likely=dummy_mistakes(CENTRED[:, 0:1]))


def test_add_dummy_several_columns(submission):
    x = np.random.default_rng(144).normal(size=(4, 3))
    expected = np.hstack([np.ones((4, 1)), x])
    got = submission.regression_data.add_dummy(x)
    assert_close(got, expected, **TOL, func="regression_data.add_dummy(shape (4, 3))", hint=DUMMY_HINT,
                 likely=dummy_mistakes(x))


def test_add_dummy_leaves_x_unchanged(submission):
    x = np.random.default_rng(145).normal(size=(3, 1))
    before = x.copy()
    called = submission.call_and_read_args(submission.regression_data.add_dummy, x)
    assert_close(called.value, np.hstack([np.ones((3, 1)), before]), **TOL, func="regression_data.add_dummy(x (3, 1))",
                 hint=DUMMY_HINT, likely=dummy_mistakes(before))
    assert_close(called.args[0], before, rtol=0, func="regression_data.add_dummy(x (3, 1)): x afterwards",
                 came_back="input", hint=("np.insert は新しい配列を返します。x を書き換えないでください",
                                          "np.insert returns a new array; leave x as it was"))


# -- pred ---------------------------------------------------------------------------------

def test_pred_course_values(submission):
    w = np.array([2.0, -1.0])
    got = submission.regression_data.pred(X_COURSE, w)
    assert_close(got, [7.0, -3.0, 2.0, 0.0, 4.0], **TOL, func="regression_data.pred(講義の x / the course's x, w=(2, -1))",
                 hint=PRED_HINT, likely=pred_mistakes(X_COURSE, w))
    loss = float(np.mean((np.asarray(got, dtype=np.float64) - YT_COURSE) ** 2) / 2)
    assert_close(loss, 50.416, rtol=1e-9, func="mean((pred(x, w) - yt)**2) / 2 (講義 / lecture 002:62-64: 約 / about 50.4)",
                 hint=PRED_HINT)


def test_pred_other_sizes(submission):
    rng = np.random.default_rng(146)
    for shape in ((6, 3), (1, 2), (4, 1)):
        x, w = rng.normal(size=shape), rng.normal(size=shape[1])
        got = submission.regression_data.pred(x, w)
        assert_close(got, x @ w, rtol=1e-12, atol=1e-12, func=f"regression_data.pred(x {shape}, w {w.shape})",
                     hint=PRED_HINT, likely=pred_mistakes(x, w))


# -- prepare ------------------------------------------------------------------------------

def test_prepare_course_data(submission):
    x, yt = _pair(submission.regression_data.prepare(DATA), "regression_data.prepare")
    hint = ("center → split_columns → add_dummy の順です", "center, then split_columns, then add_dummy")
    assert_close(x, X_COURSE, **TOL, func="regression_data.prepare(講義のデータ / the course's data): x", hint=hint,
                 likely=dummy_mistakes(CENTRED[:, 0:1]))
    assert_close(yt, YT_COURSE, **TOL, func="regression_data.prepare(講義のデータ / the course's data): yt", hint=hint,
                 likely=yt_mistakes(CENTRED))
    history = _course_gradient_descent(np.asarray(x, dtype=np.float64), np.asarray(yt, dtype=np.float64))
    assert_close(history[0, 1:], [50.416, 1.98, -0.6728], rtol=1e-9,
                 func="講義の勾配降下法 (002:80) の iter 0 / the lecture's gradient descent, iter 0: (L, w0, w1)")
    assert_close(history[-1, 1:], [2.306147, 0.267959, 1.820690], rtol=0, atol=5e-7,
                 func="講義の勾配降下法 (002:82) の iter 199 / the lecture's gradient descent, iter 199: (L, w0, w1)")


def test_prepare_other_data(submission):
    data = np.random.default_rng(147).normal(size=(9, 2)) * [8.0, 12.0] + [160.0, 55.0]
    centred = data - data.mean(axis=0)
    x, yt = _pair(submission.regression_data.prepare(data), "regression_data.prepare")
    assert_close(x, np.hstack([np.ones((9, 1)), centred[:, 0:1]]), **TOL, func="regression_data.prepare(shape (9, 2)): x",
                 hint=DUMMY_HINT)
    assert_close(yt, centred[:, 1], **TOL, func="regression_data.prepare(shape (9, 2)): yt", hint=SPLIT_HINT)
