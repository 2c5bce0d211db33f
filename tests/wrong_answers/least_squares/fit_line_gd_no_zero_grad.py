"""fit_line_gd never clears the gradients, so they accumulate over epochs / 勾配を 0 に戻さず累積させた"""

MESSAGE_MENTIONS = ('accumulated gradients', '足し込まれ')

import numpy as np
import torch


def fit_line_gd(xs, ys, lr=0.01, epochs=500):
    x = torch.tensor(np.asarray(xs, dtype=np.float64))
    y = torch.tensor(np.asarray(ys, dtype=np.float64))
    a = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    for _ in range(epochs):
        loss = torch.sum((a * x + b - y) ** 2)
        loss.backward()
        with torch.no_grad():
            a -= lr * a.grad
            b -= lr * b.grad
    return a.item(), b.item(), loss.item()
