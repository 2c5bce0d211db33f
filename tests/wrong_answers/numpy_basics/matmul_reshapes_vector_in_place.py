"""matmul that reshapes a 1-D argument in place (B.shape = ...), changing the caller's array / 1 次元の引数を B.shape = ... でその場で変形し呼び出し元の配列を変える matmul"""

MESSAGE_MENTIONS = ('changed shape', '形が変わって')

import numpy as np


def matmul(A, B):
    squeeze = None
    if A.ndim == 1:
        A.shape = (1, A.size)
        squeeze = "row"
    if B.ndim == 1:
        B.shape = (B.size, 1)
        squeeze = "column"
    n, k = A.shape
    if B.shape[0] != k:
        raise ValueError("shapes not aligned")
    m = B.shape[1]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A[i, p] * B[p, j]
    if squeeze == "row":
        return C[0]
    if squeeze == "column":
        return C[:, 0]
    return C
