"""negative indices treated as out of range (X[-1] is the last row) / 負の添字を範囲外として None を返す(X[-1] は最後の行)"""

MESSAGE_MENTIONS = ('negative indices are valid', '負の添字は有効')

import numpy as np


def index_or_none(X, i, j=None):
    X = np.asarray(X)
    if i < 0:
        return None
    if j is not None and j < 0:
        return None
    try:
        return X[i] if j is None else X[i][j]
    except IndexError:
        return None
