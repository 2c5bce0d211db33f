"""the lecture's code (001:2696-2711): torch.tensor(x, requires_grad=True) from Python floats (float32), z.backward(), z.item() and x.grad / 講義のコード(float32 のテンソル)"""
import torch


def f(x1, x2, x3):
    z = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1
    return z


def value_and_grad(x1, x2, x3):
    x1 = torch.tensor(x1, requires_grad=True)
    x2 = torch.tensor(x2, requires_grad=True)
    x3 = torch.tensor(x3, requires_grad=True)

    z = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1
    z.backward()

    return z.item(), (x1.grad.item(), x2.grad.item(), x3.grad.item())
