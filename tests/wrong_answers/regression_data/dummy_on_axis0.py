"""the dummy inserted with axis=0: a row of ones instead of a column / axis=0 で 1 の「行」を挿入してしまうダミー変数"""

MESSAGE_MENTIONS = ('row of ones', '1 の「行」')

import numpy as np


def add_dummy(x):
    x = np.asarray(x, dtype=np.float64)
    return np.insert(x, 0, 1.0, axis=0)
