"""自己チェック: 最小二乗法と勾配降下法 / Self-check: least squares and gradient descent.

講義 001:2742-2800(D = {(1,2), (2,3), (3,5)}、PyTorch のループ)と 002:67-81(身長・体重の線形回帰)。
Lecture 001:2742-2800 (D = {(1,2), (2,3), (3,5)}, the torch loop) and 002:67-81 (the
height/weight regression). The tolerances admit the lecture's float32 loop.
"""
import numpy as np

from autograder.checks import assert_close, assert_shape, assert_that

XS, YS = (1.0, 2.0, 3.0), (2.0, 3.0, 5.0)
CLOSED_HINT = ("a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²、b = ȳ - a·x̄", "a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)², b = ȳ - a·x̄")
GD_HINT = ("a = b = 0 から、損失は二乗和(平均ではない)。引数の lr と epochs を使い、.item() で float に",
           "start from a = b = 0; the loss is a sum, not a mean; use the lr and epochs given; .item() gives floats")
REG_HINT = ("L = mean((yp - yt)²) / 2 は更新前の w で、w0, w1 は更新後。w = w - ... で引数の w はそのまま",
            "L = mean((yp-yt)²)/2 before the update; w0, w1 after it; w = w - ... leaves the argument alone")


def height_weight():
    data = np.array([[166, 58.7], [176, 75.7], [171, 62.1], [173, 70.4], [169, 60.1]])
    height, weight = data[:, 0], data[:, 1]
    return np.stack([np.ones(5), height - height.mean()], axis=1), weight - weight.mean()


def test_fit_line(submission):
    a, b = submission.least_squares.fit_line(list(XS), list(YS))
    assert_close([a, b], [1.5, 1 / 3], func="least_squares.fit_line(D)", rtol=1e-9, hint=CLOSED_HINT)
    got = submission.least_squares.fit_line(np.array([0.0, 1.0, 2.0, 4.0]), np.array([1.0, 2.5, 2.5, 6.0]))
    assert_close(got, [1.2, 0.9], func="least_squares.fit_line(4 points as arrays)", rtol=1e-9, hint=CLOSED_HINT)


def test_fit_line_gd(submission):
    a, b, loss = submission.least_squares.fit_line_gd(list(XS), list(YS), lr=0.01, epochs=500)
    assert_close([a, b, loss], [1.49677, 0.34067, 0.16669], func="least_squares.fit_line_gd(D)", atol=2e-5,
                 hint=GD_HINT)
    got = submission.least_squares.fit_line_gd([0.0, 1.0, 2.0, 4.0], [1.0, 2.5, 2.5, 6.0], lr=0.02, epochs=30)
    floats = isinstance(got, (tuple, list)) and len(got) == 3 and all(isinstance(v, float) for v in got)
    assert_that(floats, func="least_squares.fit_line_gd", expected="(float, float, float)", got=got,
                problem=("(a, b, loss) を Python の float で返してください", "return (a, b, loss) as Python floats"),
                hint=GD_HINT)
    assert_close(got[:2], [1.2236579289, 0.8340573835], rtol=1e-4, func="least_squares.fit_line_gd(4 points, lr=0.02, epochs=30)",
                 hint=GD_HINT)
    # 最後のエポックで計算した loss(講義)でも、最後の更新後の loss でもよい / the last epoch's loss or the one after it
    assert_that(any(abs(got[2] - v) <= 1e-4 * v for v in (0.9082609627, 0.907306444)),
                func="least_squares.fit_line_gd(4 points, lr=0.02, epochs=30) loss", expected=0.9082609627, got=got[2],
                problem=("loss が違います(二乗和、平均ではない)", "wrong loss (a sum of squares, not a mean)"), hint=GD_HINT)


def test_linear_regression_gd(submission):
    x, yt = height_weight()
    w, history = submission.least_squares.linear_regression_gd(x, yt, np.array([2.0, -1.0]))
    history = np.asarray(history, dtype=np.float64)
    assert_shape(history, (200, 4), func="linear_regression_gd: history",
                 hint=("1 反復につき 1 行 (k, L, w0, w1)", "one row (k, L, w0, w1) per iteration"))
    # 講義 002:81 の表示 / the lecture's printout (002:81)
    assert_close(history[0], [0, 50.416, 1.98, -0.6728], func="linear_regression_gd: history[0]",
                 rtol=1e-9, atol=1e-12, hint=REG_HINT)
    assert_close(history[-1], [199, 2.306147, 0.267959, 1.820690],
                 func="linear_regression_gd: history[-1] (200 steps)", atol=1e-6, rtol=0, hint=REG_HINT)
    assert_close(w, [0.267959, 1.820690], func="linear_regression_gd: w", atol=1e-6, rtol=0, hint=REG_HINT)


def test_linear_regression_gd_other_data(submission):
    x = np.array([[1.0, -2.0], [1.0, -0.5], [1.0, 1.0], [1.0, 1.5]])
    yt = np.array([-3.0, -1.0, 2.5, 2.0])
    called = submission.call_and_read_args(submission.least_squares.linear_regression_gd, x, yt, np.array([0.5, 0.5]),
                                           alpha=0.1, iters=3)
    w, history = called.value
    assert_close(history, [[0.0, 1.328125, 0.4625, 0.70625], [1.0, 0.92925537109375, 0.42875, 0.873828125],
                           [2.0, 0.663937273788452, 0.398375, 1.0099853515625]],
                 func="linear_regression_gd(4 points, alpha=0.1, iters=3): history", rtol=1e-9, hint=REG_HINT)
    assert_close(w, [0.398375, 1.0099853515625], func="linear_regression_gd(4 points, alpha=0.1, iters=3): w", rtol=1e-9,
                 hint=REG_HINT)
    assert_close(called.args[2], [0.5, 0.5], rtol=0, func="linear_regression_gd: the argument w afterwards", hint=REG_HINT)
