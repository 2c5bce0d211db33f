"""linear_regression_gd updates the caller's w in place with w -= ... / 引数の w をその場で書き換えた"""

MESSAGE_MENTIONS = ('w -= ', '書き換え')

import numpy as np


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    history = np.zeros((iters, 4))
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        w -= alpha * (x.T @ yd) / len(x)
        history[k] = (k, loss, w[0], w[1])
    return w, history
