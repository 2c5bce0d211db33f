"""value_and_grad that forgets requires_grad=True on x3 and reports its missing gradient as 0 / x3 に requires_grad を付け忘れ、勾配を 0 とした"""

MESSAGE_MENTIONS = ('requires_grad=True', 'x3 の勾配が 0')

import torch


def value_and_grad(x1, x2, x3):
    t1 = torch.tensor(float(x1), dtype=torch.float64, requires_grad=True)
    t2 = torch.tensor(float(x2), dtype=torch.float64, requires_grad=True)
    t3 = torch.tensor(float(x3), dtype=torch.float64)
    value = f(t1, t2, t3)
    value.backward()
    g3 = t3.grad.item() if t3.grad is not None else 0.0
    return value.item(), (t1.grad.item(), t2.grad.item(), g3)
