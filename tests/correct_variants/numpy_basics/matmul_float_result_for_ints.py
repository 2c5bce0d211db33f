"""matmul whose result is always float (np.zeros default), also for int inputs: the docstring allows it (the course's ints give [77., 209., 341.], 000:498-508) / int 同士でも結果を float の配列で返す matmul(docstring どおり正解)"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim == 2 and B.ndim == 2:
        if A.shape[1] != B.shape[0]:
            raise ValueError("shapes not aligned")
        C = np.zeros((A.shape[0], B.shape[1]))
        for i in range(A.shape[0]):
            for j in range(B.shape[1]):
                for k in range(A.shape[1]):
                    C[i, j] += A[i, k] * B[k, j]
        return C
    if A.ndim == 2 and B.ndim == 1:
        if A.shape[1] != B.shape[0]:
            raise ValueError("shapes not aligned")
        c = np.zeros(A.shape[0])
        for i in range(A.shape[0]):
            for k in range(A.shape[1]):
                c[i] += A[i, k] * B[k]
        return c
    if A.ndim == 1 and B.ndim == 2:
        if A.shape[0] != B.shape[0]:
            raise ValueError("shapes not aligned")
        c = np.zeros(B.shape[1])
        for j in range(B.shape[1]):
            for k in range(A.shape[0]):
                c[j] += A[k] * B[k, j]
        return c
    raise ValueError("matmul supports 2-D·2-D, 2-D·1-D and 1-D·2-D")
