"""He initialisation with Xavier's std 1/√n (the factor 2 forgotten) / He の初期値なのに係数 2 を忘れ、Xavier の 1/√n にする"""

MESSAGE_MENTIONS = ('factor 2', '係数 2')

import numpy as np


def he_init(n_in, n_out, seed=None):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
