"""自己チェック: 数値微分と勾配降下法 / Self-check: numerical differentiation and gradient descent.

講義 001:1893-2004。前方差分 (h = 1e-4, 講義のコード) でも中心差分 (教科書 4.3) でも通ります。
Lecture 001:1893-2004; both the forward difference (h = 1e-4, the lecture's code) and the central
difference (book 4.3) pass.
"""
import numpy as np

from autograder.checks import assert_close, assert_that

DIFF_HINT = ("h = 1e-4 程度。小さすぎる h は丸め誤差で 0 に、大きすぎる h は誤差が大きくなります",
             "use h of about 1e-4; too small an h rounds to 0, too large an h is inaccurate")
GRAD_HINT = ("要素ごとに、その要素だけを h 動かします", "move one element at a time by h")
RESTORE_HINT = ("x[idx] を動かしたら、次の要素に進む前に元の値に戻します(コピーを動かす場合も)",
                "put x[idx] back before the next element (also when you move a copy of x)")
GD_HINT = ("x ← x - lr · 勾配 を step_num 回くり返します", "repeat x ← x - lr · gradient step_num times")


def function_1(x):
    return 0.01 * x ** 2 + 0.1 * x


def cube(x):
    return x ** 3


def exponential(x):
    return np.exp(x)


def square(x):
    return x ** 2


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def cross_terms(x):
    # 2 乗の項がない関数: 中心差分でも前方差分でも誤差はほぼ 0 / no squared variable: both differences are exact
    return 3.0 * x[0] * x[1] - x[1] * x[2] + 0.5 * x[0] * x[2] * x[3] + x[3]


def matrix_cross_terms(x):
    return x[0, 0] * x[1, 1] - 2.0 * x[0, 1] * x[1, 0] + x[0, 0] * x[0, 1]


def test_numerical_diff(submission):
    for func, x, expected in [(function_1, 3.0, 0.16), (cube, -2.5, 18.75), (exponential, -1.0, np.exp(-1.0))]:
        got = submission.gradients.numerical_diff(func, x)
        where = f"gradients.numerical_diff({func.__name__}, {x})"
        assert_that(np.ndim(got) == 0, func=where, problem=("数(スカラー)を返してください", "return a number"),
                    expected=expected, got=got, hint=DIFF_HINT)
        assert_close(got, expected, rtol=1e-3, func=where, hint=DIFF_HINT)
    got = submission.gradients.numerical_diff(square, 0.0)
    assert_close(got, 0.0, atol=1e-3, func="gradients.numerical_diff(x², 0)", hint=DIFF_HINT)


def test_numerical_gradient(submission):
    # 講義の例 (001:1941-1946): x0² + x1² の (3, 4) での勾配は (6, 8) / the lecture's example
    for x, expected in [([3.0, 4.0], [6.0, 8.0]), ([-2.0, 0.5], [-4.0, 1.0])]:
        called = submission.call_and_read_args(submission.gradients.numerical_gradient, function_2, np.array(x))
        assert_close(called.value, expected, rtol=1e-3, func=f"gradients.numerical_gradient(x0² + x1², {x})",
                     hint=GRAD_HINT)
        assert_close(called.args[1], x, rtol=0, atol=1e-12, func="gradients.numerical_gradient: x afterwards",
                     hint=RESTORE_HINT)


def test_numerical_gradient_cross_terms(submission):
    x = np.array([1.5, -0.5, 2.0, -1.0])
    expected = [3.0 * -0.5 + 0.5 * 2.0 * -1.0, 3.0 * 1.5 - 2.0, 0.5 + 0.5 * 1.5 * -1.0, 0.5 * 1.5 * 2.0 + 1.0]
    got = submission.gradients.numerical_gradient(cross_terms, x)
    assert_close(got, expected, rtol=1e-6, atol=1e-8, func="gradients.numerical_gradient(f with cross terms, x (4,))",
                 hint=RESTORE_HINT)


def test_numerical_gradient_matrix(submission):
    x = np.array([[0.5, -1.0], [2.0, 1.5]])
    expected = [[1.5 + -1.0, -2.0 * 2.0 + 0.5], [-2.0 * -1.0, 0.5]]
    got = submission.gradients.numerical_gradient(matrix_cross_terms, x)
    assert_close(got, expected, rtol=1e-6, atol=1e-8, func="gradients.numerical_gradient(f, x of shape (2, 2))",
                 hint=("2 次元の x も全要素を回ります: np.ndindex(x.shape)", "visit every element of a 2-D x: np.ndindex(x.shape)"))


def test_gradient_descent(submission):
    # x0² + x1² では 1 ステップごとに x が (1 - 2 lr) 倍 / each step multiplies x by (1 - 2 lr)
    got = submission.gradients.gradient_descent(function_2, np.array([2.0, -1.0]), lr=0.2, step_num=5)
    assert_close(got, [2.0 * 0.6 ** 5, -0.6 ** 5], rtol=1e-3, atol=1e-6,
                 func="gradients.gradient_descent(x0² + x1², (2, -1), lr=0.2, step_num=5)", hint=GD_HINT)
    got = submission.gradients.gradient_descent(function_2, np.array([1.0, 2.0]))
    assert_close(got, [0.98 ** 100, 2.0 * 0.98 ** 100], rtol=1e-3,
                 func="gradients.gradient_descent(x0² + x1², (1, 2)) with the defaults",
                 hint=("既定値は lr=0.01, step_num=100 (教科書 4.4.1)", "the defaults are lr=0.01 and step_num=100 (book 4.4.1)"))
