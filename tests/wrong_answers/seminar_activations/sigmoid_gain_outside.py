"""the gain multiplied outside: g / (1 + exp(-x)) / ゲインを exp の外に掛けた g / (1 + exp(-x))"""

MESSAGE_MENTIONS = ('inside exp', 'exp の中で')

import numpy as np


def sigmoid(x, g=1.0):
    return g / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
