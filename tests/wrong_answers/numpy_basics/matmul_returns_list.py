"""matmul that returns nested Python lists instead of a NumPy array / NumPy 配列でなく入れ子のリストを返す matmul"""

MESSAGE_MENTIONS = ('Python list', 'Python のリスト')

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
    C = []
    for i in range(n):
        row = []
        for j in range(m):
            total = 0
            for p in range(k):
                total += A2[i, p] * B2[p, j]
            row.append(total)
        C.append(row)
    if A.ndim == 1:
        return C[0]
    if B.ndim == 1:
        return [row[0] for row in C]
    return C
