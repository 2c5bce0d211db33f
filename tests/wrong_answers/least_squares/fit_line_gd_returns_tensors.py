"""fit_line_gd returns the tensors a, b and loss instead of Python floats (no .item()) / .item() を忘れてテンソルのまま返した"""

MESSAGE_MENTIONS = ('.item()', 'float に')

import numpy as np
import torch


def fit_line_gd(xs, ys, lr=0.01, epochs=500):
    x = torch.tensor(np.asarray(xs, dtype=np.float64))
    y = torch.tensor(np.asarray(ys, dtype=np.float64))
    a = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([a, b], lr=lr)
    loss = torch.zeros(())
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = torch.sum((a * x + b - y) ** 2)
        loss.backward()
        optimizer.step()
    return a.detach(), b.detach(), loss.detach()
