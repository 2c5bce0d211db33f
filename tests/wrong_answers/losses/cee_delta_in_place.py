"""cross entropy that adds delta to y in place (y += delta changes the caller's array) / y += delta で呼び出し元の配列を書き換える交差エントロピー"""

MESSAGE_MENTIONS = ('y += delta', '書き換え')

import numpy as np


def cross_entropy_error(y, t):
    y += 1e-7
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    t = t.reshape(-1)
    return float(-np.sum(np.log(y[np.arange(y.shape[0]), t])) / y.shape[0])
