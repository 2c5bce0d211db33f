"""numerical_gradient that moves a working copy of x and never puts x[idx] back, so later partial derivatives are taken at a drifted point / x のコピーを動かして元に戻さない数値勾配"""

MESSAGE_MENTIONS = ('put the old value back', '元の値に戻')

import numpy as np


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x, dtype=np.float64)
    work = x.copy()
    for idx in np.ndindex(x.shape):
        saved = work[idx]
        work[idx] = saved + h
        fxh1 = f(work)
        work[idx] = saved - h
        fxh2 = f(work)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad
