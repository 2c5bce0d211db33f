"""gradient descent that adds the gradient (x += lr * grad) / 勾配を足してしまう勾配降下法(符号の誤り)"""

MESSAGE_MENTIONS = ('adds the gradient', '勾配を足した')

import numpy as np


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=np.float64)
    for _ in range(step_num):
        x += lr * numerical_gradient(f, x)
    return x
