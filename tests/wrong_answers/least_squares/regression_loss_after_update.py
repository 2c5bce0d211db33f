"""linear_regression_gd records the loss of the updated w instead of the w before the update / 更新後の w で損失を記録した"""

MESSAGE_MENTIONS = ('updated w', '更新後の w で計算した損失')

import numpy as np


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    x = np.asarray(x, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    history = np.zeros((iters, 4))
    for k in range(iters):
        yd = x @ w - yt
        w = w - alpha * (x.T @ yd) / len(x)
        loss = np.mean((x @ w - yt) ** 2) / 2
        history[k] = (k, loss, w[0], w[1])
    return w, history
