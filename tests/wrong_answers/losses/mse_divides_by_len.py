"""mean squared error that divides by len(y) (the batch size) instead of the number of elements / 要素数でなく len(y) で割る平均 2 乗誤差"""
import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.sum((y - t) ** 2) / len(y))
