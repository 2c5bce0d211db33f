"""matmul that always turns a 1-D argument into a column, so a valid (k,)·(k, m) raises / 1 次元の引数を常に列ベクトルにして (k,)·(k, m) で例外を出す matmul"""

MESSAGE_MENTIONS = ('as a row', '行ベクトル (1, k)')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    A2 = A if A.ndim == 2 else A.reshape(-1, 1)
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
    if B.ndim == 1:
        return C[:, 0]
    return C
