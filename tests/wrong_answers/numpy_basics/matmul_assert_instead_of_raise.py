"""matmul that checks the shapes with assert (AssertionError, not ValueError) / 形の確認を assert で書き ValueError でなく AssertionError になる matmul"""

MESSAGE_MENTIONS = ('assert raises AssertionError', 'assert は AssertionError')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    A2 = A if A.ndim == 2 else A.reshape(1, -1)
    B2 = B if B.ndim == 2 else B.reshape(-1, 1)
    n, k = A2.shape
    assert B2.shape[0] == k, "shapes not aligned"
    m = B2.shape[1]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A2[i, p] * B2[p, j]
    if A.ndim == 1:
        return C[0]
    if B.ndim == 1:
        return C[:, 0]
    return C
