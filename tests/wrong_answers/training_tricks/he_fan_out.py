"""He initialisation scaled by this layer's size n_out instead of the previous layer's n_in / He の初期値で前層の n_in でなくこの層の n_out を使う"""

MESSAGE_MENTIONS = ('divides by n_out', 'n_out(この層)で割って')

import numpy as np


def he_init(n_in, n_out, seed=None):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_out)
