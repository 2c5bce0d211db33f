"""gradient_descent that always steps with 0.01 instead of its lr argument / 引数の lr を使わず 0.01 で更新する勾配降下法"""

MESSAGE_MENTIONS = ('lr argument', '引数の lr')

import numpy as np


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=np.float64)
    for _ in range(step_num):
        x -= 0.01 * numerical_gradient(f, x)
    return x
