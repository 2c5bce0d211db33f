"""matmul that returns matrix·vector as an (n, 1) column instead of shape (n,) / 行列·ベクトル を形 (n,) でなく (n, 1) で返す matmul"""

MESSAGE_MENTIONS = ('as a column (n, 1)', '列 (n, 1)')

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
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A2[i, p] * B2[p, j]
    return C
