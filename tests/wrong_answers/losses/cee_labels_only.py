"""cross entropy written for label targets only (y[np.arange(N), t]): one-hot targets give a wrong value or an error / ラベルの t しか考えず、one-hot の t で誤った値か例外になる交差エントロピー"""

MESSAGE_MENTIONS = ('one-hot', 'ラベルに直')

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    batch_size = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch_size), t.astype(int)] + delta)) / batch_size)
