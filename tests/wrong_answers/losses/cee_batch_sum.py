"""cross entropy that sums over the batch instead of taking the mean / バッチの平均でなく合計を返す交差エントロピー"""

MESSAGE_MENTIONS = ('sum of the per-sample errors', '合計')

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    t = t.reshape(-1)
    return float(-np.sum(np.log(y[np.arange(y.shape[0]), t] + delta)))
