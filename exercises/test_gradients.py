"""自己チェック: 数値微分と勾配降下法 / Self-check: numerical differentiation and gradient descent."""
import numpy as np

from autograder.checks import assert_close


def function_1(x):
    return 0.01 * x ** 2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_numerical_diff(submission):
    # 前方差分 (h=1e-4) でも中心差分でも通る許容誤差 / tolerance that both the forward and the central difference meet
    got = submission.gradients.numerical_diff(function_1, 5.0)
    assert_close(got, 0.2, rtol=1e-3, func="gradients.numerical_diff(0.01x² + 0.1x, 5)",
                 hint=("h = 1e-4 程度。小さすぎる h は丸め誤差で 0 になります",
                       "use h of about 1e-4; too small an h rounds to 0"))
    got = submission.gradients.numerical_diff(function_1, 10.0)
    assert_close(got, 0.3, rtol=1e-3, func="gradients.numerical_diff(0.01x² + 0.1x, 10)")


def test_numerical_gradient(submission):
    x = np.array([3.0, 4.0])
    got = submission.gradients.numerical_gradient(function_2, x)
    assert_close(got, [6.0, 8.0], rtol=1e-3, func="gradients.numerical_gradient(x0² + x1², (3, 4))",
                 hint=("要素ごとに、その要素だけを ±h 動かします", "move one element at a time by ±h"))
    assert_close(x, [3.0, 4.0], rtol=0, atol=1e-12, func="gradients.numerical_gradient: x afterwards",
                 hint=("x[idx] は計算のあと元の値に戻してください", "put x[idx] back after using it"))


def test_gradient_descent(submission):
    init_x = np.array([-3.0, 4.0])
    got = submission.gradients.gradient_descent(function_2, init_x, lr=0.1, step_num=100)
    assert_close(got, [0.0, 0.0], atol=1e-3, func="gradients.gradient_descent(x0² + x1², (-3, 4), lr=0.1)",
                 hint=("x ← x - lr · 勾配 をくり返します", "repeat x ← x - lr · gradient"))
    assert_close(init_x, [-3.0, 4.0], rtol=0, func="gradients.gradient_descent: init_x afterwards",
                 hint=("init_x をコピーしてから更新してください", "copy init_x before updating it"))
