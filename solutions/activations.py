"""活性化関数 / Activation functions (『ゼロから作るDeep Learning』3章 / chapter 3; the course 000:185-207, 001:1566-1705).

どの関数もスカラーと NumPy 配列の両方を受け取ります。
Every function accepts a scalar or a NumPy array.
"""
import numpy as np


def step_function(x):
    """ステップ関数 / Step function.

    x > 0 なら 1、x < 0 なら 0 を返します。x == 0 は授業で 0 (000:192, 001:1578) とも
    1 (001:1592, x >= 0 なら 1) とも書かれているので、どちらでも正解です。
    Returns 1 where x > 0 and 0 where x < 0. At x == 0 the course gives 0
    (000:192, 001:1578) and also 1 (001:1592, 1 for x >= 0): either is right.

    入力 / Input:
        x: スカラーまたは任意の形の配列 / a scalar or an array of any shape
    戻り値 / Returns:
        x と同じ形の int 配列(スカラーなら 0-d) / ints shaped like x (0-d for a scalar)
    ヒント / Hint:
        比較 x > 0 は bool 配列になります。astype で整数に。if 文はスカラーにしか使えません。
        The comparison x > 0 gives booleans; convert them with astype. An if
        statement works on a scalar only, not on an array.
    """
    ### BEGIN SOLUTION
    return np.asarray(np.asarray(x) > 0).astype(np.int64)
    ### END SOLUTION


def sigmoid(x):
    """シグモイド関数 / Sigmoid: 1 / (1 + exp(-x)) (000:198, 001:1601).

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array
    戻り値 / Returns:
        x と同じ形の float / floats shaped like x
    ヒント / Hint:
        np.exp は配列の要素ごとに計算します(math.exp はスカラーだけ)。符号に注意。
        np.exp works element-wise (math.exp takes scalars only). Mind the sign of the exponent.
    """
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
    ### END SOLUTION


def relu(x):
    """ReLU: max(0, x) (000:207, 001:1609).

    入力の配列は書き換えず、新しい配列を返します。
    Returns a new array; the input array is left unchanged.

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array
    戻り値 / Returns:
        x と同じ形 / shaped like x
    ヒント / Hint:
        np.maximum は要素ごとの最大値です(np.max や組み込みの max とは違います)。
        np.maximum is the element-wise maximum (unlike np.max or the built-in max).
    """
    ### BEGIN SOLUTION
    return np.maximum(0, x)
    ### END SOLUTION


def identity_function(x):
    """恒等関数 / Identity: returns x unchanged (the output layer of regression, 001:1670-1683).

    入力 / Input:
        x: 何でも / anything
    戻り値 / Returns:
        x そのもの / x itself
    """
    ### BEGIN SOLUTION
    return x
    ### END SOLUTION


def softmax(x):
    """ソフトマックス関数 / Softmax over the last axis (001:1690-1705).

    y_k = exp(a_k) / Σ exp(a_i)(授業 001:1694)。大きな入力 ([1010, 1000, 990] など、教科書 3.5.2)
    でもあふれないように計算します。バッチでは行ごとに計算します。
    y_k = exp(a_k) / Σ exp(a_i) (the course, 001:1694), computed so that large inputs
    ([1010, 1000, 990], book 3.5.2) do not overflow; a batch is normalised row by row.

    入力 / Input:
        x: 形 (K,) の 1 サンプル、または形 (N, K) のバッチ / one sample (K,) or a batch (N, K)
    戻り値 / Returns:
        x と同じ形。最後の軸の和が 1 / shaped like x; each row sums to 1
    ヒント / Hint:
        各行の最大値を引いても結果は変わりません(教科書 3.5.2)。axis=-1 と keepdims=True が便利です。
        Subtracting each row's maximum leaves the result unchanged (book 3.5.2); axis=-1
        and keepdims=True help.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / np.sum(exp, axis=-1, keepdims=True)
    ### END SOLUTION
