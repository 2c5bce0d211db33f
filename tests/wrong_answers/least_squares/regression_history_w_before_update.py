"""linear_regression_gd records w before the update in history instead of after it / history に更新前の w を記録した"""

MESSAGE_MENTIONS = ('w before the update', '更新前の w')

import numpy as np


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    x = np.asarray(x, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    history = np.zeros((iters, 4))
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        history[k] = (k, loss, w[0], w[1])
        w = w - alpha * (x.T @ yd) / len(x)
    return w, history
