"""cross entropy that divides by y.shape[0] without reshaping one sample: a (K,) sample is divided by K / 1 サンプルを (1, K) にせず y.shape[0] (= K) で割ってしまう交差エントロピー"""

MESSAGE_MENTIONS = ('divides one sample', 'K で割った')

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.size != y.size:
        t = np.eye(y.shape[-1])[t]
    return float(-np.sum(t * np.log(y + delta)) / y.shape[0])
