"""Hidden suite: gradients (numerical differentiation, gradient descent).

Lecture 001:1893-2004 (numerical_diff as a forward difference with h = 1e-4, the gradient
(6, 8) of x0² + x1² at (3, 4), w ← w - η∇L); the book's chapter 4 (central difference,
numerical_gradient, gradient_descent(f, init_x, lr=0.01, step_num=100)).

Tolerances: the course's forward difference with h=1e-4 errs by about h/2·|f''| and the
central difference by about h²/6·|f'''|; the value checks allow rtol=1e-3 (plus atol=1e-3
where the true value may be 0), which both meet and which h=1e-50 (derivative 0) or a
missing factor 2 (double the derivative) do not. The cross-term checks use multilinear
functions (no variable squared): there both differences are exact up to rounding (about
1e-11 here), while a numerical_gradient whose point drifts (x[idx] not put back, on x or
on a copy) takes later partial derivatives at a point moved by h and errs by about
h·|∂²f/∂xi∂xj| ≈ 1e-4; rtol=1e-6, atol=1e-8 separates the two. Expected values are computed
before the submission is called, from the test's own data.
"""
import math

import numpy as np
import pytest

from autograder.checks import assert_close, assert_that, likely

RTOL = 1e-3
ATOL = 1e-3
CROSS_RTOL = 1e-6
CROSS_ATOL = 1e-8
DIFF_HINT = ("h = 1e-4 程度の差分: 前方差分 (f(x+h) - f(x)) / h か中心差分 (f(x+h) - f(x-h)) / 2h。h が小さすぎると 0 になります",
             "a difference quotient with h about 1e-4: forward (f(x+h) - f(x)) / h or central (f(x+h) - f(x-h)) / 2h; "
             "too small an h gives 0")
GRAD_HINT = ("x の要素ごとに、その要素だけを h 動かして差分を取ります",
             "for each element of x, move that element alone by h and take the difference quotient")
RESTORE_HINT = ("x[idx] を動かしたら、次の要素に進む前に元の値に戻してください(x のコピーを動かす場合も)",
                "after moving x[idx], put the old value back before the next element (also when you move a copy of x)")
GD_HINT = ("x ← x - lr · numerical_gradient(f, x) を step_num 回", "x ← x - lr · numerical_gradient(f, x), step_num times")


def diff_mistakes(func, x, expected):
    """Known mistakes of numerical_diff: 2h forgotten, h too small (0), h too large."""
    found = [likely(2 * expected, "微分の 2 倍の値です: 中心差分 (f(x+h) - f(x-h)) は 2h で割ります",
                    "this is twice the derivative: the central difference (f(x+h) - f(x-h)) divides by 2h"),
             likely(lambda got: abs(expected) > 1e-6 and float(got) == 0.0,
                    "0 です: h が小さすぎて x + h が x と同じ数になっています(丸め誤差)。h は 1e-4 程度に",
                    "this is 0: h is too small, so x + h == x (rounding); use h about 1e-4")]
    for h in (1.0, 0.5, 0.1, 0.05, 0.01):
        found.append(likely((func(x + h) - func(x)) / h,
                            f"h が大きすぎます(h = {h:g} の前方差分の値です)。誤差はおよそ h/2·f'' なので h は 1e-4 程度に",
                            f"h is too large (this is the forward difference with h = {h:g}); it errs by about h/2·f'', "
                            "so use h about 1e-4"))
    return found


def gd_mistakes(x0, lr, steps, curvature=(2.0, 2.0)):
    """gradient_descent on a sum of c·x²/2 terms (each step multiplies x by 1 - lr·c): the lr argument
    ignored (0.01 used), or the gradient added."""
    x0, c = np.asarray(x0, dtype=np.float64), np.asarray(curvature, dtype=np.float64)
    found = [likely(x0 * (1 + lr * c) ** steps, "勾配を足した値です(x ← x + lr·∇f)。勾配降下法は勾配を引きます(x ← x - lr·∇f)",
                    "this adds the gradient (x ← x + lr·∇f); gradient descent subtracts it (x ← x - lr·∇f)")]
    if lr != 0.01:
        ignored = x0 * (1 - 0.01 * c) ** steps
        found.append(likely(lambda got: np.allclose(np.asarray(got, dtype=np.float64), ignored, rtol=1e-3, atol=1e-6),
                            f"lr=0.01 で動かした値です: 引数の lr(ここでは {lr:g})を使っていません",
                            f"this is what lr=0.01 gives: the lr argument (here {lr:g}) is not used"))
    return found


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


def multilinear(x):
    return x[0] * x[1] + 2.0 * x[1] * x[2] * x[3] - x[0] * x[3] + 3.0 * x[2] - 1.5 * x[4] * x[0]


def multilinear_matrix(x):
    return x[0, 0] * x[1, 1] - x[0, 1] * x[1, 0] + x[0, 2] * x[1, 2] * x[0, 0] + 0.5 * x[1, 0] * x[1, 2]


# Judge-side gradients, derived by hand.
def mixed_grad(x):
    g = np.cos(x)
    g[0] += x[1] ** 2
    g[1] += 2 * x[0] * x[1]
    g[2] += 0.1 * math.exp(0.1 * x[2])
    return g


def multilinear_grad(x):
    return np.array([x[1] - x[3] - 1.5 * x[4], x[0] + 2.0 * x[2] * x[3], 2.0 * x[1] * x[3] + 3.0,
                     2.0 * x[1] * x[2] - x[0], -1.5 * x[0]])


def multilinear_matrix_grad(x):
    g = np.zeros((2, 3))
    g[0, 0] = x[1, 1] + x[0, 2] * x[1, 2]
    g[1, 1] = x[0, 0]
    g[0, 1] = -x[1, 0]
    g[1, 0] = -x[0, 1] + 0.5 * x[1, 2]
    g[0, 2] = x[1, 2] * x[0, 0]
    g[1, 2] = x[0, 2] * x[0, 0] + 0.5 * x[1, 0]
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
    where = f"gradients.numerical_diff({func.__name__}, {x})"
    assert_that(np.ndim(got) == 0, func=where, problem=("数(スカラー)を返してください", "return a number (a scalar)"),
                expected=expected, got=got, hint=DIFF_HINT)
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func=where, hint=DIFF_HINT,
                 likely=diff_mistakes(func, x, expected))


def test_numerical_diff_flat_point(submission):
    # f'(0) = 0 for x²; the forward difference gives h = 1e-4, within atol; f'(1) = 2 rules out a constant 0.
    got_flat = submission.gradients.numerical_diff(function_2_sum, 0.0)
    got_slope = submission.gradients.numerical_diff(function_2_sum, 1.0)
    assert_close(got_flat, 0.0, atol=ATOL, func="gradients.numerical_diff(x², 0)", hint=DIFF_HINT,
                 likely=diff_mistakes(function_2_sum, 0.0, 0.0))
    assert_close(got_slope, 2.0, rtol=RTOL, func="gradients.numerical_diff(x², 1)", hint=DIFF_HINT,
                 likely=diff_mistakes(function_2_sum, 1.0, 2.0))


@pytest.mark.parametrize("x, expected", [([3.0, 4.0], [6.0, 8.0]), ([0.0, 2.0], [0.0, 4.0]),
                                         ([3.0, 0.0], [6.0, 0.0]), ([-1.5, 0.25], [-3.0, 0.5])],
                         ids=["(3,4)", "(0,2)", "(3,0)", "(-1.5,0.25)"])
def test_numerical_gradient_course_values(submission, x, expected):
    got = submission.gradients.numerical_gradient(function_2, np.array(x))
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func=f"gradients.numerical_gradient(x0² + x1², {x})",
                 hint=GRAD_HINT)


def test_numerical_gradient_against_analytic(submission):
    x = np.random.default_rng(11).uniform(-2, 2, size=3)
    expected = mixed_grad(x.copy())
    got = submission.gradients.numerical_gradient(mixed, x)
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.numerical_gradient(sin-sum + x0·x1² + exp, x)",
                 hint=GRAD_HINT)


def test_numerical_gradient_matrix_input(submission):
    x = np.random.default_rng(5).uniform(-1, 1, size=(2, 3))
    expected = 3 * x ** 2
    expected[0, 1] += x[1, 2]
    expected[1, 2] += x[0, 1]
    expected[1, 0] -= 2.0
    got = submission.gradients.numerical_gradient(matrix_function, x.copy())
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.numerical_gradient(f, x of shape (2, 3))",
                 hint=("x が 2 次元(多次元)でも全要素を回ります。np.ndindex(x.shape) か np.nditer を使いましょう",
                       "visit every element of a 2-D (multi-dimensional) x too: np.ndindex(x.shape) or np.nditer"))


@pytest.mark.parametrize("shape", [(5,), (2, 3)], ids=["1-D", "2-D"])
def test_numerical_gradient_cross_terms(submission, shape):
    # Multilinear f: every partial derivative depends on the other elements, so a point that drifts
    # by h between elements shows as an error of about h; the differences themselves are exact here.
    x = np.random.default_rng(17 + len(shape)).uniform(-2, 2, size=shape)
    func, grad = (multilinear, multilinear_grad) if len(shape) == 1 else (multilinear_matrix, multilinear_matrix_grad)
    expected = grad(x.copy())
    got = submission.gradients.numerical_gradient(func, x.copy())
    assert_close(got, expected, rtol=CROSS_RTOL, atol=CROSS_ATOL,
                 func=f"gradients.numerical_gradient(f with cross terms, x of shape {shape})",
                 hint=RESTORE_HINT)


def test_numerical_gradient_restores_x(submission):
    x = np.array([3.0, -4.0, 0.5, 1.25, 2.0])
    original = x.copy()
    expected = multilinear_grad(x.copy())
    called = submission.call_and_read_args(submission.gradients.numerical_gradient, multilinear, x)
    got, x_after = called.value, called.args[1]
    assert_close(got, expected, rtol=CROSS_RTOL, atol=CROSS_ATOL, func="gradients.numerical_gradient(f, x)",
                 hint=RESTORE_HINT)
    assert_close(x_after, original, rtol=0, atol=1e-12, func="gradients.numerical_gradient(f, x): x afterwards",
                 hint=RESTORE_HINT, came_back="input")


def test_gradient_descent_course_example(submission):
    got = submission.gradients.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)
    assert_close(got, [0.0, 0.0], atol=ATOL, func="gradients.gradient_descent(x0² + x1², (-3, 4), lr=0.1, step_num=100)",
                 hint=GD_HINT, likely=gd_mistakes([-3.0, 4.0], 0.1, 100))


def test_gradient_descent_trajectory(submission):
    # x0² + x1²: each step multiplies x by (1 - 2 lr), so after n steps x = (1 - 2 lr)^n · x_init.
    lr, steps = 0.1, 10
    expected = (1 - 2 * lr) ** steps * np.array([-3.0, 4.0])
    got = submission.gradients.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=lr, step_num=steps)
    assert_close(got, expected, rtol=RTOL, atol=ATOL,
                 func="gradients.gradient_descent(x0² + x1², (-3, 4), lr=0.1, step_num=10)", hint=GD_HINT,
                 likely=gd_mistakes([-3.0, 4.0], lr, steps))


def test_gradient_descent_defaults(submission):
    # lr=0.01, step_num=100 on x0²/20 + x1²: x0 shrinks by (1 - lr/10), x1 by (1 - 2 lr) per step.
    expected = np.array([-7.0 * (1 - 0.01 / 10) ** 100, 2.0 * (1 - 0.02) ** 100])
    got = submission.gradients.gradient_descent(elongated, np.array([-7.0, 2.0]))
    assert_close(got, expected, rtol=RTOL, atol=ATOL, func="gradients.gradient_descent(x0²/20 + x1², (-7, 2))",
                 hint=("既定値は lr=0.01, step_num=100 です", "the defaults are lr=0.01 and step_num=100"),
                 likely=gd_mistakes([-7.0, 2.0], 0.01, 100, curvature=(0.1, 2.0)))


def test_gradient_descent_small_and_large_lr(submission):
    gd = submission.gradients.gradient_descent
    tiny = gd(function_2, np.array([-3.0, 4.0]), lr=1e-10, step_num=100)
    assert_close(tiny, [-3.0, 4.0], rtol=1e-6, func="gradients.gradient_descent(lr=1e-10)",
                 hint=("学習率が小さすぎるとほとんど動きません", "with a tiny learning rate x barely moves"),
                 likely=gd_mistakes([-3.0, 4.0], 1e-10, 100))
    large = np.asarray(gd(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100), dtype=np.float64)
    assert_that(bool(np.all(np.abs(large) > 1e6)), func="gradients.gradient_descent(lr=10)",
                problem=("学習率が大きすぎると発散するはずです", "with too large a learning rate x should diverge"),
                got=large, hint=GD_HINT, likely=gd_mistakes([-3.0, 4.0], 10.0, 100))
