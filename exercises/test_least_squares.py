"""自己チェック: 最小二乗法と勾配降下法 / Self-check: least squares and gradient descent."""
import numpy as np

from autograder.checks import assert_close

XS, YS = [1.0, 2.0, 3.0], [2.0, 3.0, 5.0]
HEIGHT_WEIGHT = np.array([[166, 58.7], [176, 75.7], [171, 62.1], [173, 70.4], [169, 60.1]])


def test_fit_line(submission):
    a, b = submission.least_squares.fit_line(XS, YS)
    assert_close([a, b], [1.5, 1 / 3], func="least_squares.fit_line(D)", rtol=1e-9,
                 hint=("a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²、b = ȳ - a·x̄", "a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)², b = ȳ - a·x̄"))


def test_fit_line_gd(submission):
    a, b, loss = submission.least_squares.fit_line_gd(XS, YS, lr=0.01, epochs=500)
    assert_close([a, b, loss], [1.49677, 0.34067, 0.16669], func="least_squares.fit_line_gd(D)", atol=2e-5,
                 hint=("a = b = 0 から、損失は二乗和(平均ではない)", "start from a = b = 0; the loss is a sum, not a mean"))


def test_linear_regression_gd(submission):
    height, weight = HEIGHT_WEIGHT[:, 0], HEIGHT_WEIGHT[:, 1]
    x = np.stack([np.ones(5), height - height.mean()], axis=1)
    yt = weight - weight.mean()
    w, history = submission.least_squares.linear_regression_gd(x, yt, np.array([2.0, -1.0]))
    hint = ("L = mean((yp - yt)²) / 2 は更新前の w で、w0, w1 は更新後", "L = mean((yp-yt)²)/2 before the update; w0, w1 after it")
    assert_close(np.asarray(history)[0], [0, 50.416, 1.98, -0.6728], func="linear_regression_gd: history[0]",
                 rtol=1e-9, atol=1e-12, hint=hint)
    assert_close(np.asarray(history)[-1, 1:], [2.306147, 0.267959, 1.820690],
                 func="linear_regression_gd: history[-1] (200 steps)", atol=1e-6, rtol=0, hint=hint)
    assert_close(w, [0.267959, 1.820690], func="linear_regression_gd: w", atol=1e-6, rtol=0, hint=hint)
