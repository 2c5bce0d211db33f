"""cross entropy written for one-hot targets only: label targets give a wrong value / one-hot しか考えず、ラベルの t で誤った値になる交差エントロピー"""

MESSAGE_MENTIONS = ('as if it were one-hot', 'one-hot として')

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
    return float(-np.sum(t * np.log(y + delta)) / y.shape[0])
