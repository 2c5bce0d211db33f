"""Xavier with std 1/n instead of 1/√n (the square root forgotten) / 標準偏差を 1/√n でなく 1/n にした Xavier の初期値"""

MESSAGE_MENTIONS = ('square root', '平方根')

import numpy as np


def xavier_init(n_in, n_out, seed=None):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_out, n_in)) / n_in
