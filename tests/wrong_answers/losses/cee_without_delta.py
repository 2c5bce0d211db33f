"""cross entropy without the small delta: log(0) gives inf / nan / 小さな delta を足さない交差エントロピー(log(0) で inf / nan)"""

MESSAGE_MENTIONS = ('no delta', 'delta を足していません')

import numpy as np


def cross_entropy_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    return float(-np.sum(t * np.log(y)) / y.shape[0])
