"""Hidden suite: autograd (f and its gradient with torch autograd).

Lecture 001:2660-2740: f(x1, x2, x3) = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1, f(1, 2, 3) = 42
and ∇f(1, 2, 3) = (-8, 46, 20), computed there with float32 tensors made from Python floats
(torch.tensor(1.0, requires_grad=True)); gradients are checked against the hand-derived
formulas and against torch autograd run by the judge. rtol=1e-6 lets a float32 computation
through at the course's point; random points use rtol=1e-5, atol=1e-6 (the lecture's float32
code stays below a tenth of that). Expected values are computed before the call.
"""
import numpy as np
import pytest
import torch

from autograder.checks import assert_close, assert_that, likely

F_HINT = ("f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 をテンソルのまま計算(NumPy に変換しない)",
          "compute f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 on tensors (no NumPy)")
GRAD_HINT = ("requires_grad=True の葉テンソルで f を計算し .backward()、勾配は各テンソルの .grad",
             "compute f on leaf tensors with requires_grad=True, call .backward(), read each .grad")
FLOAT_HINT = ("テンソルは .item() で Python の float に。勾配は 3 つの float のタプル",
              "use .item() to turn tensors into Python floats; the gradient is a tuple of three floats")


def reference_f(x1, x2, x3):
    return (x1 - 2 * x2 - 1) ** 2 + (x2 * x3 - 1) ** 2 + 1


def hand_gradient(x1, x2, x3):
    inner1, inner2 = x1 - 2 * x2 - 1, x2 * x3 - 1
    return (2 * inner1, -4 * inner1 + 2 * x3 * inner2, 2 * x2 * inner2)


def value_mistakes(x1, x2, x3):
    return [likely(reference_f(x1, x2, x3) - 1, "f の最後の + 1 がない値です(ちょうど 1 小さい)",
                   "this is f without the final + 1 (exactly 1 too small)")]


def grad_mistakes(x1, x2, x3):
    """The chain rule's inner factor -2 forgotten for x2; a variable's gradient left at 0."""
    inner1, inner2 = x1 - 2 * x2 - 1, x2 * x3 - 1
    right = hand_gradient(x1, x2, x3)
    found = [likely((2 * inner1, 2 * inner1 + 2 * x3 * inner2, 2 * x2 * inner2),
                    "x2 の勾配に (x1 - 2*x2 - 1) の内側の微分 -2 が掛かっていません(連鎖律)",
                    "the gradient for x2 misses the inner derivative -2 of (x1 - 2*x2 - 1) (the chain rule)")]
    for i in range(3):
        if abs(right[i]) > 1e-6:
            zeroed = tuple(0.0 if j == i else g for j, g in enumerate(right))
            found.append(likely(zeroed, f"x{i + 1} の勾配が 0 です。x{i + 1} も requires_grad=True で作りましたか"
                                        "(requires_grad のないテンソルには勾配が求まりません)",
                                f"the gradient for x{i + 1} is 0: is x{i + 1} made with requires_grad=True too? "
                                "(a tensor without it gets no gradient)"))
    return found


def random_points(seed, n):
    return np.random.default_rng(seed).uniform(-3, 3, size=(n, 3))


def leaf(values):
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def test_f_course_value(submission):
    got = submission.autograd.f(leaf(1.0), leaf(2.0), leaf(3.0))
    assert_close(got, 42.0, func="autograd.f(1, 2, 3)", rtol=1e-6, hint=F_HINT, likely=value_mistakes(1.0, 2.0, 3.0))


def test_f_elementwise_on_tensors(submission):
    points = random_points(1, 6)
    expected = reference_f(*points.T)
    got = submission.autograd.f(leaf(points[:, 0]), leaf(points[:, 1]), leaf(points[:, 2]))
    assert_close(got, expected, func="autograd.f(tensors of shape (6,))", rtol=1e-6,
                 hint=("要素ごとの演算だけで書けば、どんな形のテンソルにも使えます",
                       "written with element-wise operations it works for tensors of any shape"),
                 likely=value_mistakes(*points.T))


def test_f_without_grad_tensors(submission):
    x = torch.tensor([[0.5, -1.0], [2.0, 0.0]], dtype=torch.float64)
    xn = x.numpy().copy()
    expected = reference_f(xn, 2 * xn, -xn)
    got = submission.autograd.f(x, x * 2, -x)
    assert_close(got, expected, func="autograd.f(2x2 tensors)", rtol=1e-6, hint=F_HINT,
                 likely=value_mistakes(xn, 2 * xn, -xn))


def test_value_and_grad_course_values(submission):
    value, grad = submission.autograd.value_and_grad(1.0, 2.0, 3.0)
    assert_close(value, 42.0, func="autograd.value_and_grad(1, 2, 3) value", rtol=1e-6, hint=F_HINT,
                 likely=value_mistakes(1.0, 2.0, 3.0))
    assert_close(grad, [-8.0, 46.0, 20.0], func="autograd.value_and_grad(1, 2, 3) gradient", rtol=1e-6,
                 hint=GRAD_HINT, likely=grad_mistakes(1.0, 2.0, 3.0))


def test_value_and_grad_returns_python_floats(submission):
    # The type pays only together with the right numbers.
    expected_value, expected_grad = reference_f(0.5, -1.5, 2.0), hand_gradient(0.5, -1.5, 2.0)
    result = submission.autograd.value_and_grad(0.5, -1.5, 2.0)
    ok = (isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(result[1], (tuple, list))
          and len(result[1]) == 3 and all(isinstance(v, float) for v in (result[0], *result[1])))
    assert_that(ok, func="autograd.value_and_grad", got=result,
                expected="(float, (float, float, float))",
                problem=("戻り値は (値, (g1, g2, g3)) で、すべて Python の float です",
                         "return (value, (g1, g2, g3)), all Python floats"), hint=FLOAT_HINT,
                likely=[likely(lambda got: any(isinstance(v, np.ndarray) for v in (got[0], *got[1])),
                               "テンソルのまま返しています(テンソルは NumPy 配列として届きます)。.item() で float に",
                               "tensors came back (they arrive as NumPy arrays), not floats: use .item()")])
    assert_close(result[0], expected_value, func="autograd.value_and_grad(0.5, -1.5, 2) value", rtol=1e-6, hint=F_HINT,
                 likely=value_mistakes(0.5, -1.5, 2.0))
    assert_close(result[1], expected_grad, func="autograd.value_and_grad(0.5, -1.5, 2) gradient", rtol=1e-5,
                 atol=1e-6, hint=GRAD_HINT, likely=grad_mistakes(0.5, -1.5, 2.0))


@pytest.mark.parametrize("seed", [2, 3])
def test_value_and_grad_hand_derived(submission, seed):
    for x1, x2, x3 in random_points(seed, 4):
        expected_value, expected_grad = reference_f(x1, x2, x3), hand_gradient(x1, x2, x3)
        value, grad = submission.autograd.value_and_grad(float(x1), float(x2), float(x3))
        where = f"autograd.value_and_grad({x1:.4f}, {x2:.4f}, {x3:.4f})"
        assert_close(value, expected_value, func=where + " value", rtol=1e-5, hint=F_HINT,
                     likely=value_mistakes(x1, x2, x3))
        assert_close(grad, expected_grad, func=where + " gradient", rtol=1e-5, atol=1e-6, hint=GRAD_HINT,
                     likely=grad_mistakes(x1, x2, x3))


def test_value_and_grad_matches_torch_autograd(submission):
    for x1, x2, x3 in random_points(4, 4):
        leaves = [leaf(float(v)) for v in (x1, x2, x3)]
        reference_f(*leaves).backward()
        expected = [t.grad.item() for t in leaves]
        _, grad = submission.autograd.value_and_grad(float(x1), float(x2), float(x3))
        assert_close(grad, expected, func=f"autograd.value_and_grad({x1:.4f}, {x2:.4f}, {x3:.4f}) gradient",
                     rtol=1e-5, atol=1e-6, hint=GRAD_HINT, likely=grad_mistakes(x1, x2, x3))


def test_value_and_grad_repeatable(submission):
    expected = hand_gradient(-0.7, 1.3, 0.4)
    autograd = submission.autograd
    first = autograd.value_and_grad(-0.7, 1.3, 0.4)
    autograd.value_and_grad(2.0, -2.0, 1.0)
    again = autograd.value_and_grad(-0.7, 1.3, 0.4)
    assert_close(again[1], first[1], func="autograd.value_and_grad(-0.7, 1.3, 0.4) called twice", rtol=1e-12,
                 hint=("呼び出しごとに新しいテンソルを作ります(同じテンソルの .grad は backward のたびに足し込まれていきます)",
                       "make fresh tensors on every call (the .grad of one tensor accumulates with every backward)"))
    assert_close(again[1], expected, func="autograd.value_and_grad(-0.7, 1.3, 0.4)", rtol=1e-5, hint=GRAD_HINT,
                 likely=grad_mistakes(-0.7, 1.3, 0.4))


def test_value_and_grad_at_minimum_is_zero(submission):
    # x2*x3 = 1 and x1 = 2*x2 + 1 make both squares 0: f = 1 and the gradient vanishes.
    value, grad = submission.autograd.value_and_grad(5.0, 2.0, 0.5)
    assert_close(value, 1.0, func="autograd.value_and_grad(5, 2, 0.5) value", rtol=1e-6, hint=F_HINT,
                 likely=value_mistakes(5.0, 2.0, 0.5))
    assert_close(grad, [0.0, 0.0, 0.0], func="autograd.value_and_grad(5, 2, 0.5) gradient", atol=1e-6,
                 hint=GRAD_HINT)
