"""X[0][1] read as column 0 of row 1 (X[1][0]) / X[0][1] を「1 行目の 0 列目」(X[1][0]) と取り違える"""

MESSAGE_MENTIONS = ('row 1, column 0', '1 行目の 0 列目')

import numpy as np


def inspect_matrix(X, y):
    X = np.asarray(X)
    return np.dot(X, y), X[0], X[1][0], X.shape
