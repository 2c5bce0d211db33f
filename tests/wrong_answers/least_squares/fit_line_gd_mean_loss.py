"""fit_line_gd minimises the mean of squared errors instead of their sum / 二乗和ではなく平均を損失にした"""

MESSAGE_MENTIONS = ('mean of squared errors', '二乗誤差の平均')

import numpy as np
import torch


def fit_line_gd(xs, ys, lr=0.01, epochs=500):
    x = torch.tensor(np.asarray(xs, dtype=np.float64))
    y = torch.tensor(np.asarray(ys, dtype=np.float64))
    a = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([a, b], lr=lr)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = torch.mean((a * x + b - y) ** 2)
        loss.backward()
        optimizer.step()
    return a.item(), b.item(), loss.item()
