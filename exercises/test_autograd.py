"""自己チェック: PyTorch の自動微分 / Self-check: automatic differentiation with PyTorch.

講義 001:2659-2740: f(1, 2, 3) = 42、∇f(1, 2, 3) = (-8, 46, 20)。float32 のテンソル(講義のコード)でも
float64 でも通る許容誤差です。Lecture 001:2659-2740; the tolerances admit float32 tensors (the
lecture's code) as well as float64.
"""
import torch

from autograder.checks import assert_close, assert_that

F_HINT = ("f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 をテンソルのまま計算",
          "compute f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 on tensors")
GRAD_HINT = ("requires_grad=True のテンソルで f を計算し .backward()、勾配は .grad から",
             "compute f on tensors with requires_grad=True, call .backward(), read .grad")


def test_f_at_1_2_3(submission):
    x1, x2, x3 = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (1.0, 2.0, 3.0))
    assert_close(submission.autograd.f(x1, x2, x3), 42.0, func="autograd.f(1, 2, 3)", hint=F_HINT)


def test_f_on_tensors_of_several_values(submission):
    x1 = torch.tensor([0.0, 1.5, -1.0], dtype=torch.float64, requires_grad=True)
    x2 = torch.tensor([1.0, 0.5, 2.0], dtype=torch.float64)
    x3 = torch.tensor([2.0, -2.0, 0.5], dtype=torch.float64)
    assert_close(submission.autograd.f(x1, x2, x3), [11.0, 5.25, 37.0], rtol=1e-6, func="autograd.f(tensors of shape (3,))",
                 hint=("要素ごとの演算だけで書けば、どんな形のテンソルにも使えます",
                       "written with element-wise operations it works for tensors of any shape"))


def test_value_and_grad_at_1_2_3(submission):
    value, grad = submission.autograd.value_and_grad(1.0, 2.0, 3.0)
    assert_close(value, 42.0, func="autograd.value_and_grad(1, 2, 3) の値 / value", hint=F_HINT)
    assert_close(grad, [-8.0, 46.0, 20.0], func="autograd.value_and_grad(1, 2, 3) の勾配 / gradient",
                 rtol=1e-6, hint=GRAD_HINT)


def test_value_and_grad_floats_and_fresh_tensors(submission):
    # f(2, -1, 0.5) = 9 + 2.25 + 1 = 12.25; ∇f = (6, -13.5, 3)
    for _ in range(2):  # the same answer twice: .grad must not pile up across calls
        result = submission.autograd.value_and_grad(2.0, -1.0, 0.5)
        floats = (isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(result[1], (tuple, list))
                  and len(result[1]) == 3 and all(isinstance(v, float) for v in (result[0], *result[1])))
        assert_that(floats, func="autograd.value_and_grad(2, -1, 0.5)", expected="(float, (float, float, float))",
                    got=result, problem=("(値, (g1, g2, g3)) をすべて Python の float で返します",
                                         "return (value, (g1, g2, g3)), all Python floats"),
                    hint=(".item() でテンソルを float に", ".item() turns a tensor into a float"))
        assert_close(result[0], 12.25, rtol=1e-6, func="autograd.value_and_grad(2, -1, 0.5) value", hint=F_HINT)
        assert_close(result[1], [6.0, -13.5, 3.0], rtol=1e-6, func="autograd.value_and_grad(2, -1, 0.5) gradient",
                     hint=("呼び出しごとに requires_grad=True の新しいテンソルを作ります",
                           "make fresh tensors with requires_grad=True on every call"))
