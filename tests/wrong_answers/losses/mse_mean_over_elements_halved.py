"""mean squared error as np.mean((y - t) ** 2) / 2, which divides by every element, not by the samples (right only for one output per sample, 002:79) / np.mean((y - t) ** 2) / 2 とサンプル数でなく要素数で割る平均 2 乗誤差"""

MESSAGE_MENTIONS = ('divides by every element', '全要素の数で割った')

import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.mean((y - t) ** 2) / 2)
