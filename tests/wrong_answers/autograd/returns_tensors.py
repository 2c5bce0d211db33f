"""value_and_grad returns tensors instead of Python floats / float ではなくテンソルを返した"""

MESSAGE_MENTIONS = ('.item()', 'float に')

import torch


def value_and_grad(x1, x2, x3):
    t1, t2, t3 = (torch.tensor(float(v), requires_grad=True) for v in (x1, x2, x3))
    value = f(t1, t2, t3)
    value.backward()
    return value, (t1.grad, t2.grad, t3.grad)
