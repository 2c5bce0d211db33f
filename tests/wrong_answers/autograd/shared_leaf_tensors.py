"""value_and_grad reuses the same leaf tensors, so .grad accumulates across calls / 葉テンソルを使い回して勾配が累積した"""

MESSAGE_MENTIONS = ('accumulates', '足し込まれ')

import torch

_LEAVES = [torch.zeros((), dtype=torch.float64, requires_grad=True) for _ in range(3)]


def value_and_grad(x1, x2, x3):
    with torch.no_grad():
        for leaf, v in zip(_LEAVES, (x1, x2, x3)):
            leaf.fill_(float(v))
    value = f(*_LEAVES)
    value.backward()
    return value.item(), tuple(leaf.grad.item() for leaf in _LEAVES)
