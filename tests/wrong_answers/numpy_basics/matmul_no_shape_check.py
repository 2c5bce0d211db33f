"""matmul with zip and no shape check: mismatched shapes are silently truncated / 形を確かめず zip で切り詰めてしまう matmul"""

MESSAGE_MENTIONS = ('no ValueError was raised', 'ValueError が出ませんでした')

import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim == 2 and B.ndim == 2:
        return np.array([[sum(a * b for a, b in zip(row, col)) for col in B.T] for row in A])
    if A.ndim == 2:
        return np.array([sum(a * b for a, b in zip(row, B)) for row in A])
    return np.array([sum(a * b for a, b in zip(A, col)) for col in B.T])
