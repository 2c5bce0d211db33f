"""mean squared error that divides the sum by len(y) without the 1/2: the number of elements for one sample (K,), 2× the loss for a batch / 1/2 を付けず len(y) で割る平均 2 乗誤差(1 サンプルでは要素数で割ってしまう)"""

MESSAGE_MENTIONS = ('len(y)', 'len(y) で割った')

import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.sum((y - t) ** 2) / len(y))
