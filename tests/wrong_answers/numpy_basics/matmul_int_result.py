"""matmul whose result array is created with dtype=int (fractions truncated) / 結果の配列を dtype=int で作り小数を切り捨てる matmul"""

MESSAGE_MENTIONS = ('integer array', '整数の配列')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    A2 = A if A.ndim == 2 else A.reshape(1, -1)
    B2 = B if B.ndim == 2 else B.reshape(-1, 1)
    n, k = A2.shape
    if B2.shape[0] != k:
        raise ValueError("shapes not aligned")
    m = B2.shape[1]
    C = np.zeros((n, m), dtype=int)
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A2[i, p] * B2[p, j]
    if A.ndim == 1:
        return C[0]
    if B.ndim == 1:
        return C[:, 0]
    return C
