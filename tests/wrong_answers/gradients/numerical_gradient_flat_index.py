"""numerical_gradient that only handles 1-D x (loops over range(x.size) with x[idx]) / 1 次元の x しか扱えない数値勾配"""

MESSAGE_MENTIONS = ('np.ndindex', '多次元')

import numpy as np


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad
