"""自己チェック: 損失関数 / Self-check: loss functions."""
import numpy as np

from autograder.checks import assert_close

Y = np.array([13.5, 20.1, 0.7])
T = np.array([12.1, 22.8, 0.3])
# 教科書 4.2.2 の 10 クラスの例 / the book's 10-class example (4.2.2)
Y10 = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
T10 = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=np.float64)


def test_sum_squared_error(submission):
    got = submission.losses.sum_squared_error(Y, T)
    assert_close(got, 4.705, rtol=1e-9, func="losses.sum_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=("1/2 × Σ (y - t)^2。1/2 を忘れずに", "1/2 × Σ (y - t)^2; don't forget the 1/2"))


def test_mean_squared_error(submission):
    got = submission.losses.mean_squared_error(Y, T)
    assert_close(got, 9.41 / 3, rtol=1e-9, func="losses.mean_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=("(y - t)^2 の平均 (np.mean)", "the mean of (y - t)^2 (np.mean)"))


def test_cross_entropy_error(submission):
    got = submission.losses.cross_entropy_error(Y10, T10)
    assert_close(got, 0.510825457099338, rtol=1e-6, func="losses.cross_entropy_error(y, t) (p = 0.6 on the label)",
                 hint=("-Σ t log(y + delta)、delta = 1e-7", "-Σ t log(y + delta) with delta = 1e-7"))
