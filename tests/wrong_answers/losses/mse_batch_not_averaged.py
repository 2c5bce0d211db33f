"""mean squared error as 0.5 * np.sum((y - t) ** 2) (the book's one-sample code): a batch is summed, not divided by N / 教科書の 1 サンプル用のコード 0.5 * np.sum((y - t) ** 2) のままで、バッチを N で割らない平均 2 乗誤差"""

MESSAGE_MENTIONS = ('not divided by the N samples', 'サンプル数 N で割っていない')

import numpy as np


def mean_squared_error(y, t):
    return float(0.5 * np.sum((np.asarray(y) - np.asarray(t)) ** 2))
