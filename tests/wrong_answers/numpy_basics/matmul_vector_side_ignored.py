"""matmul that always computes matrix·vector, whichever side the vector is on / ベクトルがどちら側でも 行列·ベクトル を計算する matmul"""

MESSAGE_MENTIONS = ('this is B·v', 'B·v の値です')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim == 1:
        A, B = B, A          # "put the matrix first"
    if B.ndim == 1:
        n, k = A.shape
        if B.shape[0] != k:
            raise ValueError("shapes not aligned")
        c = np.zeros(n, dtype=np.result_type(A, B))
        for i in range(n):
            for p in range(k):
                c[i] += A[i, p] * B[p]
        return c
    n, k = A.shape
    if B.shape[0] != k:
        raise ValueError("shapes not aligned")
    m = B.shape[1]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A[i, p] * B[p, j]
    return C
