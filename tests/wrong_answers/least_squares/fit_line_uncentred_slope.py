"""closed form without centring: a = Σxy / Σx², b = ȳ - a·x̄ / 平均を引かずに傾きを求めた"""

MESSAGE_MENTIONS = ('without centring', '平均を引かず')

import numpy as np


def fit_line(xs, ys):
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    a = np.sum(x * y) / np.sum(x ** 2)
    return float(a), float(y.mean() - a * x.mean())
