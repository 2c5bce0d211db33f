"""X.size (the number of elements) returned for X.shape / X.shape の代わりに X.size(要素数)を返す"""

MESSAGE_MENTIONS = ('X.size', '要素数')

import numpy as np


def inspect_matrix(X, y):
    X = np.asarray(X)
    return np.dot(X, y), X[0], X[0][1], X.size
