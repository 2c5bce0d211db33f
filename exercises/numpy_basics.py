# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""NumPy の基本: 行列の積 / NumPy basics: the matrix product (book 1.5, 3.3).

np.dot を使わずに、for 文で行列の積を計算します。
Compute the matrix product with for loops, without np.dot.
"""
import numpy as np


def matmul(A, B):
    """行列の積を for 文で / The matrix product, written with loops.

    np.dot(A, B) と同じ結果を返します(ただし np.dot, @, np.matmul は使わない)。
    Returns what np.dot(A, B) returns, without np.dot, @ or np.matmul:

    - 2-D・2-D: (n, k) と (k, m) → (n, m)
    - 2-D・1-D: (n, k) と (k,) → (n,)
    - 1-D・2-D: (k,) と (k, m) → (m,)

    対応する次元 k が合わないときは ValueError を送出します。
    例: ``[[1, 3], [5, 7], [9, 11]]`` と ``[11, 22]`` の積は ``[77, 209, 341]``、
    ``[11, 22]`` と同じ行列の積は ValueError。
    Raises ValueError when the inner dimensions k differ. For example
    ``[[1, 3], [5, 7], [9, 11]] · [11, 22] = [77, 209, 341]`` while
    ``[11, 22] · [[1, 3], [5, 7], [9, 11]]`` raises.

    入力 / Input:
        A: 形 (n, k) または (k,) の NumPy 配列 / an array of shape (n, k) or (k,)
        B: 形 (k, m) または (k,) の NumPy 配列 / an array of shape (k, m) or (k,)
    戻り値 / Returns:
        np.dot(A, B) と同じ形・同じ値の配列(int 同士なら int、float が混じれば float)
        an array with np.dot's shape and values (int for ints, float when a float is involved)
    ヒント / Hint:
        結果の (i, j) 成分は A の i 行目と B の j 列目の要素ごとの積の和です。
        A.shape, B.shape で次元を確かめ、np.zeros で結果の入れ物を用意します(dtype に注意)。
        Entry (i, j) is the sum of the products of row i of A and column j of B.
        Check the dimensions with A.shape and B.shape; prepare the result with
        np.zeros (mind its dtype).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: numpy_basics.matmul")
    # ============ ここまで / YOUR CODE ENDS HERE ============
