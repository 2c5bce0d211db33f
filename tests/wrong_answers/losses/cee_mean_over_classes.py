"""cross entropy as -np.mean(t * np.log(y + delta)): divides by N × K (every element), not by the N samples / -np.mean(t * np.log(y + delta)) で N × K(全要素)で割ってしまう交差エントロピー"""

MESSAGE_MENTIONS = ('N × K', '全要素の数')

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if t.size != y.size:
        t = np.eye(y.shape[-1])[t]
    return float(-np.mean(t * np.log(y + delta)))
