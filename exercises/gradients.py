# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""数値微分と勾配降下法 / Numerical differentiation and gradient descent
(『ゼロから作るDeep Learning』4章 / chapter 4).

f はどれも「数値(または配列)を受け取り、スカラーを返す」関数です。
Every f here takes a number (or an array) and returns a scalar.
"""
import numpy as np


def numerical_diff(f, x):
    """数値微分 / Numerical derivative of f at x.

    小さな h を使って f'(x) を近似します。
    Approximates f'(x) with a small step h.

    入力 / Input:
        f: 1 変数関数 f(x) -> float / a function of one number returning a float
        x: 微分する点(float) / the point (a float)
    戻り値 / Returns:
        f'(x) の近似値(float) / an approximation of f'(x) (a float)
    ヒント / Hint:
        h を小さくしすぎると丸め誤差で 0 になります(教科書 4.3.1: h = 1e-4 程度)。
        中心差分 (f(x+h) - f(x-h)) / 2h は前方差分より誤差が小さくなります。
        Too small an h rounds to 0 (book 4.3.1: h of about 1e-4).
        The central difference (f(x+h) - f(x-h)) / 2h is more accurate than the forward one.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: gradients.numerical_diff")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def numerical_gradient(f, x):
    """数値勾配 / Numerical gradient of f at x.

    x の各要素について、その要素だけを ±h 動かした中心差分を求めます。
    For each element of x, the central difference moving that element alone by ±h.

    入力 / Input:
        f: 配列 x を受け取りスカラーを返す関数 / a function of an array returning a scalar
        x: float の配列(形は自由: (2,), (2, 3), ...) / a float array of any shape
    戻り値 / Returns:
        x と同じ形の勾配 / the gradient, shaped like x
        呼び出しのあと x は元の値のままであること / x must hold its original values afterwards
    ヒント / Hint:
        np.zeros_like(x) で勾配の入れ物を作り、要素ごとに f(x+h) と f(x-h) を計算します。
        x[idx] を一時的に書き換えたら、必ず元の値に戻しましょう(教科書 4.4)。
        多次元の x には np.ndindex(x.shape) や np.nditer が使えます。
        Make the result with np.zeros_like(x), then per element evaluate f(x+h) and f(x-h).
        If you change x[idx] temporarily, put the old value back (book 4.4).
        For x with several axes, np.ndindex(x.shape) or np.nditer help.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: gradients.numerical_gradient")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """勾配降下法 / Gradient descent.

    x ← x - lr · ∇f(x) を step_num 回くり返します。
    Repeats x ← x - lr · ∇f(x) step_num times.

    入力 / Input:
        f: 配列を受け取りスカラーを返す関数 / a function of an array returning a scalar
        init_x: 初期値(float の配列) / the starting point (a float array)
        lr: 学習率 / the learning rate
        step_num: くり返しの回数 / the number of steps
    戻り値 / Returns:
        最後の x(init_x と同じ形) / the final x, shaped like init_x
        init_x そのものは書き換えないこと / init_x itself must not change
    ヒント / Hint:
        勾配は上で書いた numerical_gradient で求めます。関数の値が小さくなる向きに進みます。
        x = init_x は同じ配列を指すだけです(コピーではありません)。
        Use your numerical_gradient. Step in the direction that makes f smaller.
        x = init_x names the same array; it does not copy it.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: gradients.gradient_descent")
    # ============ ここまで / YOUR CODE ENDS HERE ============
