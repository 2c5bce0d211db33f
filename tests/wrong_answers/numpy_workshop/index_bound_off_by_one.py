"""a hand-written bound i > len(X) that lets X[3] through on 3 rows (IndexError escapes) / 手書きの範囲判定 i > len(X) で X[3] を通してしまう(IndexError が出る)"""

MESSAGE_MENTIONS = ('catch IndexError', 'return None と書く')

import numpy as np


def index_or_none(X, i, j=None):
    X = np.asarray(X)
    if i > len(X):
        return None
    row = X[i]
    if j is None:
        return row
    if j > len(row):
        return None
    return row[j]
