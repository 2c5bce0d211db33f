"""cross entropy with np.log10 instead of the natural log (the course writes log_e, 001:1804, 1835) / 自然対数でなく np.log10 を使った交差エントロピー"""

MESSAGE_MENTIONS = ('natural log', '自然対数')

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
    return float(-np.sum(np.log10(y[np.arange(y.shape[0]), t] + delta)) / y.shape[0])
