"""the lecture's loop (001:2758-2778): a, b as Python floats, fresh float32 tensors every epoch, the loss summed point by point, the last epoch's loss returned / 講義の PyTorch のループ"""
import torch


def fit_line_gd(xs, ys, lr=0.01, epochs=500):
    X = list(xs)
    Y = list(ys)
    a = 0.0
    b = 0.0

    for e in range(epochs):
        _a = torch.tensor(a, requires_grad=True)
        _b = torch.tensor(b, requires_grad=True)
        loss = torch.tensor(0.0)
        for i in range(len(X)):
            loss = loss + (Y[i] - _a*X[i]-_b)**2
        loss.backward()
        a = a - lr * _a.grad.item()
        b = b - lr * _b.grad.item()
    return a, b, loss.item()
