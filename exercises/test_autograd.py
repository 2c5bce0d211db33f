"""自己チェック: PyTorch の自動微分 / Self-check: automatic differentiation with PyTorch."""
import torch

from autograder.checks import assert_close

F_HINT = ("f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 をテンソルのまま計算",
          "compute f = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 on tensors")
GRAD_HINT = ("requires_grad=True のテンソルで f を計算し .backward()、勾配は .grad から",
             "compute f on tensors with requires_grad=True, call .backward(), read .grad")


def test_f_at_1_2_3(submission):
    x1, x2, x3 = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (1.0, 2.0, 3.0))
    assert_close(submission.autograd.f(x1, x2, x3), 42.0, func="autograd.f(1, 2, 3)", hint=F_HINT)


def test_value_and_grad_at_1_2_3(submission):
    value, grad = submission.autograd.value_and_grad(1.0, 2.0, 3.0)
    assert_close(value, 42.0, func="autograd.value_and_grad(1, 2, 3) の値 / value", hint=F_HINT)
    assert_close(grad, [-8.0, 46.0, 20.0], func="autograd.value_and_grad(1, 2, 3) の勾配 / gradient",
                 rtol=1e-6, hint=GRAD_HINT)
