"""Hidden suite: gradients (numerical differentiation, gradient descent).

Tolerances: the course's forward difference with h=1e-4 errs by about h/2·|f''| and the
central difference by about h²/6·|f'''|; every check below allows rtol=1e-3 (plus atol=1e-3
where the true value may be 0), which both meet and which h=1e-50 (derivative 0) or a
missing factor 2 (double the derivative) do not.
"""
import math

import numpy as np
import pytest

from autograder.checks import assert_close, assert_that

RTOL = 1e-3
ATOL = 1e-3
DIFF_HINT = ("h = 1e-4 程度の中心差分 (f(x+h) - f(x-h)) / 2h。h が小さすぎると 0 になります",
             "a central difference (f(x+h) - f(x-h)) / 2h with h about 1e-4; too small an h gives 0")
GRAD_HINT = ("x の要素ごとに、その要素だけを ±h 動かして中心差分を取ります",
             "for each element of x, move that element alone by ±h and take the central difference")
RESTORE_HINT = ("x[idx] を書き換えたら、計算のあと元の値に戻してください",
                "after changing x[idx], put the old value back")
GD_HINT = ("x ← x - lr · numerical_gradient(f, x) を step_num 回", "x ← x - lr · numerical_gradient(f, x), step_num times")


# Functions sent to the submission by value (module-level defs using only np / math).
def function_1(x):
    return 0.01 * x ** 2 + 0.1 * x


def cube(x):
    return x ** 3


def sine(x):
    return np.sin(x)


def exponential(x):
    return np.exp(x)


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def function_2_sum(x):
    return np.sum(x ** 2)


def elongated(x):
    return x[0] ** 2 / 20.0 + x[1] ** 2


def mixed(x):
    return np.sum(np.sin(x)) + x[0] * x[1] ** 2 + math.exp(0.1 * x[2])


def matrix_function(x):
    return np.sum(x ** 3) + x[0, 1] * x[1, 2] - 2.0 * x[1, 0]


def mixed_grad(x):
    g = np.cos(x)
    g[0] += x[1] ** 2
    g[1] += 2 * x[0] * x[1]
    g[2] += 0.1 * math.exp(0.1 * x[2])
    return g


@pytest.mark.parametrize("func, x, expected", [
    (function_1, 5.0, 0.2),
    (function_1, 10.0, 0.3),
    (cube, 2.0, 12.0),
    (cube, -1.5, 6.75),
    (sine, 1.0, math.cos(1.0)),
    (exponential, 0.5, math.exp(0.5)),
], ids=["function_1@5", "function_1@10", "cube@2", "cube@-1.5", "sin@1", "exp@0.5"])
def test_numerical_diff_values(submission, func, x, expected):
    got = submission.gradients.numerical_diff(func, x)
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func=f"gradients.numerical_diff({func.__name__}, {x})",
                 hint=DIFF_HINT)


def test_numerical_diff_flat_point(submission):
    # f'(0) = 0 for x²; the forward difference gives h = 1e-4, within atol.
    got = submission.gradients.numerical_diff(function_2_sum, 0.0)
    assert_close(got, 0.0, atol=ATOL, func="gradients.numerical_diff(x², 0)", hint=DIFF_HINT)


def test_numerical_diff_returns_a_number(submission):
    got = submission.gradients.numerical_diff(cube, 1.0)
    assert_that(np.ndim(got) == 0, func="gradients.numerical_diff(x³, 1)",
                problem=("数(スカラー)を返してください", "return a number (a scalar)"), got=got,
                hint=DIFF_HINT)


@pytest.mark.parametrize("x, expected", [([3.0, 4.0], [6.0, 8.0]), ([0.0, 2.0], [0.0, 4.0]),
                                         ([3.0, 0.0], [6.0, 0.0]), ([-1.5, 0.25], [-3.0, 0.5])],
                         ids=["(3,4)", "(0,2)", "(3,0)", "(-1.5,0.25)"])
def test_numerical_gradient_course_values(submission, x, expected):
    got = submission.gradients.numerical_gradient(function_2, np.array(x))
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func=f"gradients.numerical_gradient(x0² + x1², {x})",
                 hint=GRAD_HINT)


def test_numerical_gradient_against_analytic(submission):
    rng = np.random.default_rng(11)
    x = rng.uniform(-2, 2, size=3)
    got = submission.gradients.numerical_gradient(mixed, x.copy())
    expected = mixed_grad(x)
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.numerical_gradient(sin-sum + x0·x1² + exp, x)",
                 hint=GRAD_HINT)


def test_numerical_gradient_matrix_input(submission):
    rng = np.random.default_rng(5)
    x = rng.uniform(-1, 1, size=(2, 3))
    got = submission.gradients.numerical_gradient(matrix_function, x.copy())
    expected = 3 * x ** 2
    expected[0, 1] += x[1, 2]
    expected[1, 2] += x[0, 1]
    expected[1, 0] -= 2.0
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.numerical_gradient(f, x of shape (2, 3))",
                 hint=("x が 2 次元でも全要素を回ります。np.ndindex(x.shape) か np.nditer を使いましょう",
                       "visit every element of a 2-D x too: np.ndindex(x.shape) or np.nditer"))


def test_numerical_gradient_leaves_x_unchanged(submission):
    x = np.array([3.0, -4.0, 0.5])
    original = x.copy()
    _, x = submission.call_and_read_args(submission.gradients.numerical_gradient, function_2_sum, x).args
    assert_close(x, original, rtol=0, atol=1e-12, func="gradients.numerical_gradient: x afterwards",
                 hint=RESTORE_HINT)


def test_gradient_descent_course_example(submission):
    init_x = np.array([-3.0, 4.0])
    got = submission.gradients.gradient_descent(function_2, init_x, lr=0.1, step_num=100)
    assert_close(got, [0.0, 0.0], atol=ATOL, func="gradients.gradient_descent(x0² + x1², (-3, 4), lr=0.1, step_num=100)",
                 hint=GD_HINT)


def test_gradient_descent_trajectory(submission):
    # x0² + x1²: each step multiplies x by (1 - 2 lr), so after n steps x = (1 - 2 lr)^n · x_init.
    init_x = np.array([-3.0, 4.0])
    lr, steps = 0.1, 10
    got = submission.gradients.gradient_descent(function_2, init_x, lr=lr, step_num=steps)
    expected = (1 - 2 * lr) ** steps * np.array([-3.0, 4.0])
    assert_close(got, expected, rtol=RTOL, atol=ATOL,
                 func="gradients.gradient_descent(x0² + x1², (-3, 4), lr=0.1, step_num=10)", hint=GD_HINT)


def test_gradient_descent_defaults(submission):
    # lr=0.01, step_num=100 on x0²/20 + x1²: x0 shrinks by (1 - lr/10), x1 by (1 - 2 lr) per step.
    init_x = np.array([-7.0, 2.0])
    got = submission.gradients.gradient_descent(elongated, init_x)
    expected = np.array([-7.0 * (1 - 0.01 / 10) ** 100, 2.0 * (1 - 0.02) ** 100])
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.gradient_descent(x0²/20 + x1², (-7, 2))",
                 hint=("既定値は lr=0.01, step_num=100 です", "the defaults are lr=0.01 and step_num=100"))


def test_gradient_descent_small_and_large_lr(submission):
    gd = submission.gradients.gradient_descent
    tiny = gd(function_2, np.array([-3.0, 4.0]), lr=1e-10, step_num=100)
    assert_close(tiny, [-3.0, 4.0], rtol=1e-6, func="gradients.gradient_descent(lr=1e-10)",
                 hint=("学習率が小さすぎるとほとんど動きません", "with a tiny learning rate x barely moves"))
    large = np.asarray(gd(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100), dtype=np.float64)
    assert_that(bool(np.all(np.abs(large) > 1e6)), func="gradients.gradient_descent(lr=10)",
                problem=("学習率が大きすぎると発散するはずです", "with too large a learning rate x should diverge"),
                got=large, hint=GD_HINT)


def test_gradient_descent_leaves_init_x_unchanged(submission):
    called = submission.call_and_read_args(submission.gradients.gradient_descent, function_2, np.array([-3.0, 4.0]),
                                           lr=0.1, step_num=5)
    init_x = called.args[1]
    assert_close(init_x, [-3.0, 4.0], rtol=0, func="gradients.gradient_descent: init_x afterwards",
                 hint=("x = init_x はコピーではありません。init_x.copy() から始めましょう",
                       "x = init_x is not a copy; start from init_x.copy()"))
