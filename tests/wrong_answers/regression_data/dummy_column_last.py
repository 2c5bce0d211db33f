"""the dummy column appended after the inputs instead of inserted as column 0 / ダミー変数列を 0 列目でなく最後に追加する"""

MESSAGE_MENTIONS = ('is last', '最後にあります')

import numpy as np


def add_dummy(x):
    x = np.asarray(x, dtype=np.float64)
    return np.append(x, np.ones((x.shape[0], 1)), axis=1)
