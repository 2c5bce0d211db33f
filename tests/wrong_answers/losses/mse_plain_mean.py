"""mean squared error as the plain mean of (y - t)^2 over all elements, np.mean((y - t) ** 2) (3.1367 for the course's y, t; the course's is 1/(2N) Σn Σk, 001:1800-1802) / 全要素の (y - t)^2 の単純な平均にした平均 2 乗誤差"""

MESSAGE_MENTIONS = ('plain mean', '全要素の (y - t)² の平均')

import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.mean((y - t) ** 2))
