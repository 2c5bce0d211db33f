# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""活性化関数 / Activation functions (『ゼロから作るDeep Learning』3章 / chapter 3).

どの関数もスカラーと NumPy 配列の両方を受け取ります。
Every function accepts a scalar or a NumPy array.
"""
import numpy as np


def step_function(x):
    """ステップ関数 / Step function.

    x > 0 なら 1、それ以外(x == 0 を含む)は 0 を返します。
    Returns 1 where x > 0 and 0 elsewhere (including x == 0).

    入力 / Input:
        x: スカラーまたは任意の形の配列 / a scalar or an array of any shape
    戻り値 / Returns:
        x と同じ形の int 配列(スカラーなら 0-d) / ints shaped like x (0-d for a scalar)
    ヒント / Hint:
        比較 x > 0 は bool 配列になります。astype で整数に。
        The comparison x > 0 gives booleans; convert them with astype.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: activations.step_function")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def sigmoid(x):
    """シグモイド関数 / Sigmoid: 1 / (1 + exp(-x)).

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array
    戻り値 / Returns:
        x と同じ形の float / floats shaped like x
    ヒント / Hint:
        np.exp は配列の要素ごとに計算します。符号に注意。
        np.exp works element-wise. Mind the sign of the exponent.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: activations.sigmoid")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def relu(x):
    """ReLU: max(0, x).

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array
    戻り値 / Returns:
        x と同じ形 / shaped like x
    ヒント / Hint:
        np.maximum は要素ごとの最大値です(np.max とは違います)。
        np.maximum is the element-wise maximum (unlike np.max).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: activations.relu")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def identity_function(x):
    """恒等関数 / Identity: returns x unchanged (the output layer of regression).

    入力 / Input:
        x: 何でも / anything
    戻り値 / Returns:
        x そのもの / x itself
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: activations.identity_function")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def softmax(x):
    """ソフトマックス関数 / Softmax over the last axis.

    exp(a_k) / Σ exp(a_i)。大きな入力でもあふれないように計算します。
    exp(a_k) / Σ exp(a_i), computed so that large inputs do not overflow.

    入力 / Input:
        x: 形 (K,) の 1 サンプル、または形 (N, K) のバッチ / one sample (K,) or a batch (N, K)
    戻り値 / Returns:
        x と同じ形。最後の軸の和が 1 / shaped like x; each row sums to 1
    ヒント / Hint:
        最大値を引いても結果は変わりません(教科書 3.5.2)。keepdims=True が便利です。
        Subtracting the maximum leaves the result unchanged (book 3.5.2); keepdims=True helps.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: activations.softmax")
    # ============ ここまで / YOUR CODE ENDS HERE ============
