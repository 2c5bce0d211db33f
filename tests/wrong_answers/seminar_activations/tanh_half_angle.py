"""tanh as (1 - e^-x) / (1 + e^-x), which is tanh(x/2) / tanh を (1 - e^-x) / (1 + e^-x) と書く(実は tanh(x/2))"""

MESSAGE_MENTIONS = ('tanh(x/2)', 'tanh(x/2) の値')

import numpy as np


def tanh(x):
    e = np.exp(-np.asarray(x, dtype=np.float64))
    return (1 - e) / (1 + e)


def tanh_grad(x):
    return 1 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2
