"""numerical_gradient that does not restore x[idx] afterwards / x[idx] を元に戻さない数値勾配"""

MESSAGE_MENTIONS = ('put the old value back', '元の値に戻')

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
    return grad
