"""matmul that walks B by rows instead of columns (computes A·Bᵀ) / B の列ではなく行と掛ける matmul(A·Bᵀ になる)"""

MESSAGE_MENTIONS = ('columns of B', 'B の行ではなく列')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim == 1:
        A = A.reshape(1, -1)
        squeeze = 0
    elif B.ndim == 1:
        B = B.reshape(1, -1)
        squeeze = 1
    else:
        squeeze = None
    if A.shape[1] != B.shape[1]:
        raise ValueError("shapes not aligned")
    n, k = A.shape
    m = B.shape[0]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A[i, p] * B[j, p]
    if squeeze == 0:
        return C[0]
    if squeeze == 1:
        return C[:, 0]
    return C
