"""mean squared error written as the course's formula, 1/(2N) Σn Σk (y_nk - t_nk)^2 with loops over the samples n and outputs k (001:1800-1802, 1859) / 授業の式 1/(2N) Σn Σk (001:1800-1802, 1859) を n と k の for 文で書いた平均 2 乗誤差"""
import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    if y.ndim == 1:                  # one sample: N = 1
        y = y.reshape(1, -1)
        t = t.reshape(1, -1)
    N = y.shape[0]
    total = 0.0
    for n in range(N):
        for k in range(y.shape[1]):
            total += (y[n, k] - t[n, k]) ** 2
    return total / (2 * N)
