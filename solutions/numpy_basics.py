"""NumPy の基本: 行列の積 / NumPy basics: the matrix product (book 1.5, 3.3; the course 000:291-540).

授業では np.dot で行列の積(内積)を計算しました(000:502-523)。ここでは np.dot を使わずに、
for 文で同じものを計算します。
The course computes the matrix product with np.dot (000:502-523); here you compute
the same thing with for loops, without np.dot.
"""
import numpy as np


def matmul(A, B):
    """行列の積を for 文で / The matrix product, written with loops.

    np.dot(A, B) と同じ結果を返します(ただし np.dot, @, np.matmul は使わない)。
    Returns what np.dot(A, B) returns, without np.dot, @ or np.matmul:

    - 2-D・2-D: (n, k) と (k, m) → (n, m)
    - 2-D・1-D: (n, k) と (k,) → (n,)
    - 1-D・2-D: (k,) と (k, m) → (m,)

    対応する次元 k が合わないときは ValueError を送出します(np.dot と同じ)。
    授業の例 (000:298, 502-523): ``[[1, 3], [5, 7], [9, 11]]`` と ``[11, 22]`` の積は
    ``[77, 209, 341]``、順番を入れ替えた ``[11, 22]`` と同じ行列の積は ValueError。
    Raises ValueError when the inner dimensions k differ (as np.dot does). The
    course's example (000:298, 502-523): ``[[1, 3], [5, 7], [9, 11]] · [11, 22] =
    [77, 209, 341]`` while the swapped ``[11, 22] · [[1, 3], [5, 7], [9, 11]]`` raises.

    入力 / Input:
        A: 形 (n, k) または (k,) の NumPy 配列 / an array of shape (n, k) or (k,)
        B: 形 (k, m) または (k,) の NumPy 配列 / an array of shape (k, m) or (k,)
    戻り値 / Returns:
        np.dot(A, B) と同じ形・同じ値の NumPy 配列。int 同士なら int でも float でもかまいませんが、
        float が混じるときに int の配列へ入れると小数が切り捨てられます。
        a NumPy array with np.dot's shape and values. For int inputs an int or a float
        result is fine, but when a float is involved an int result array truncates it.
    ヒント / Hint:
        結果の (i, j) 成分は A の i 行目と B の j 列目の要素ごとの積の和です。
        A.shape, B.shape で次元を確かめ、np.zeros で結果の入れ物を用意します(dtype に注意)。
        Entry (i, j) is the sum of the products of row i of A and column j of B.
        Check the dimensions with A.shape and B.shape; prepare the result with
        np.zeros (mind its dtype).
    """
    ### BEGIN SOLUTION
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim not in (1, 2) or B.ndim not in (1, 2) or A.ndim + B.ndim < 3:
        raise ValueError(f"matmul supports 2-D·2-D, 2-D·1-D and 1-D·2-D, not {A.shape}·{B.shape}")
    A2 = A if A.ndim == 2 else A.reshape(1, -1)    # (k,) -> (1, k)
    B2 = B if B.ndim == 2 else B.reshape(-1, 1)    # (k,) -> (k, 1)
    n, k = A2.shape
    if B2.shape[0] != k:
        raise ValueError(f"shapes {A.shape} and {B.shape} not aligned: {k} != {B2.shape[0]}")
    m = B2.shape[1]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            total = 0
            for p in range(k):
                total += A2[i, p] * B2[p, j]
            C[i, j] = total
    if A.ndim == 1:
        return C[0]        # (1, m) -> (m,)
    if B.ndim == 1:
        return C[:, 0]     # (n, 1) -> (n,)
    return C
    ### END SOLUTION
