"""数値微分と勾配降下法 / Numerical differentiation and gradient descent
(講義 001:1893-2004、『ゼロから作るDeep Learning』4章 / lecture 001:1893-2004, book chapter 4).

f はどれも「数値(または配列)を受け取り、スカラーを返す」関数です。
Every f here takes a number (or an array) and returns a scalar.

講義の数値 / the lecture's numbers: x0² + x1² の (3, 4) での勾配は (6, 8) (001:1941-1946)。
The gradient of x0² + x1² at (3, 4) is (6, 8) (001:1941-1946).
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
        講義の実装は前方差分 (f(x+h) - f(x)) / h、h = 1e-4 です(001:1898, 1906-1908)。
        教科書 4.3.1 の中心差分 (f(x+h) - f(x-h)) / 2h はさらに誤差が小さく、どちらでも正解です。
        h を小さくしすぎると丸め誤差で 0 になります。
        The lecture's code is the forward difference (f(x+h) - f(x)) / h with h = 1e-4
        (001:1898, 1906-1908); the book's central difference (f(x+h) - f(x-h)) / 2h (4.3.1) is
        more accurate. Both are accepted. Too small an h rounds to 0.
    """
    ### BEGIN SOLUTION
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)
    ### END SOLUTION


def numerical_gradient(f, x):
    """数値勾配 / Numerical gradient of f at x.

    x の各要素について、その要素だけを h 動かした差分(偏微分, 001:1914-1946)を求めます。
    For each element of x, the difference quotient moving that element alone (the partial
    derivatives, lecture 001:1914-1946). 例 / e.g. x0² + x1² at (3, 4) → (6, 8).

    入力 / Input:
        f: 配列 x を受け取りスカラーを返す関数 / a function of an array returning a scalar
        x: float の配列(形は自由: (2,), (2, 3), ...) / a float array of any shape
    戻り値 / Returns:
        x と同じ形の勾配 / the gradient, shaped like x
        呼び出しのあと x は元の値のままであること / x must hold its original values afterwards
    ヒント / Hint:
        np.zeros_like(x) で勾配の入れ物を作り、要素ごとに f(x+h) と f(x-h) を計算します
        (中心差分、教科書 4.4。講義の前方差分 (f(x+h) - f(x)) / h でも正解です)。
        x[idx] を一時的に書き換えたら、次の要素に進む前に必ず元の値に戻しましょう。戻さないと
        次の偏微分は少しずれた点で計算されます(x のコピーを動かす場合も同じです)。
        多次元の x には np.ndindex(x.shape) や np.nditer が使えます。
        Make the result with np.zeros_like(x), then per element evaluate f(x+h) and f(x-h)
        (central difference, book 4.4; the lecture's forward difference is accepted too).
        If you change x[idx] temporarily, put the old value back before the next element:
        otherwise the next partial derivative is taken at a shifted point (the same holds
        when you move a copy of x). For x with several axes, np.ndindex(x.shape) or
        np.nditer help.
    """
    ### BEGIN SOLUTION
    h = 1e-4
    grad = np.zeros_like(x, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        fxh1 = f(x)
        x[idx] = saved - h
        fxh2 = f(x)
        x[idx] = saved  # 元に戻す / restore
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad
    ### END SOLUTION


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """勾配降下法 / Gradient descent.

    x ← x - lr · ∇f(x) を step_num 回くり返します(講義 001:1971-2004 の w ← w - η∇L(w))。
    Repeats x ← x - lr · ∇f(x) step_num times (the lecture's w ← w - η∇L(w), 001:1971-2004;
    defaults from the book, 4.4.1).

    入力 / Input:
        f: 配列を受け取りスカラーを返す関数 / a function of an array returning a scalar
        init_x: 初期値(float の配列) / the starting point (a float array)
        lr: 学習率 / the learning rate
        step_num: くり返しの回数 / the number of steps
    戻り値 / Returns:
        最後の x(init_x と同じ形) / the final x, shaped like init_x
    ヒント / Hint:
        勾配は上で書いた numerical_gradient で求めます。関数の値が小さくなる向きに進みます。
        x = init_x は同じ配列を指すだけなので、x -= ... は init_x も書き換えます(教科書 4.4.1 の
        コードもそうです。採点は戻り値だけを見ますが、コピーから始めるのが安全です)。
        Use your numerical_gradient. Step in the direction that makes f smaller.
        x = init_x names the same array, so x -= ... changes init_x too (the book's code in
        4.4.1 does; grading looks at the returned x only, but starting from a copy is safer).
    """
    ### BEGIN SOLUTION
    x = np.array(init_x, dtype=np.float64)
    for _ in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x
    ### END SOLUTION
