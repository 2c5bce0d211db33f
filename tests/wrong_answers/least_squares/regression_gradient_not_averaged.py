"""linear_regression_gd uses the summed gradient x.T @ yd without dividing by M / 勾配をデータ数 M で割らなかった"""

MESSAGE_MENTIONS = ('number of points M', 'データ数 M で割')

import numpy as np


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    x = np.asarray(x, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    history = np.zeros((iters, 4))
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        w = w - alpha * (x.T @ yd)
        history[k] = (k, loss, w[0], w[1])
    return w, history
