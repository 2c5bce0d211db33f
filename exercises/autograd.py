# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""PyTorch の自動微分 / Automatic differentiation with PyTorch autograd (講義 / lecture 001:2659-2740).

講義で使う関数 / the lecture's function (001:2659-2675):

    f(x1, x2, x3) = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1

勾配は手で微分せず、PyTorch の自動微分(backward)に計算させます。
Let PyTorch's autograd (backward) compute the gradient instead of deriving it by hand.

(x1, x2, x3) = (1, 2, 3) では f = 42、勾配は (-8, 46, 20) です(001:2667, 2675, 2720-2735)。
At (1, 2, 3): f = 42 and the gradient is (-8, 46, 20) (001:2667, 2675, 2720-2735).
"""
import torch


def f(x1, x2, x3):
    """f(x1, x2, x3) = (x1 - 2*x2 - 1)**2 + (x2*x3 - 1)**2 + 1 をテンソルで計算します。

    Computes f with tensor operations, so that autograd can follow it.

    入力 / Input:
        x1, x2, x3: 同じ形の torch.Tensor(requires_grad=True のこともある)
                    torch tensors of the same shape (possibly with requires_grad=True)
    戻り値 / Returns:
        x1 と同じ形の torch.Tensor(要素ごとの f) / a tensor shaped like x1 (f element-wise)
    ヒント / Hint:
        +, -, *, ** はテンソルのままで計算グラフが作られます。NumPy に変換しないこと。
        +, -, * and ** on tensors build the computational graph; do not convert to NumPy.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: autograd.f")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def value_and_grad(x1, x2, x3):
    """f の値と勾配 (∂f/∂x1, ∂f/∂x2, ∂f/∂x3) を autograd で求めます。

    Computes the value of f and its gradient with autograd.

    入力 / Input:
        x1, x2, x3: Python の float / Python floats
    戻り値 / Returns:
        (value, (g1, g2, g3)): すべて Python の float / all Python floats,
        例 / e.g. value_and_grad(1.0, 2.0, 3.0) == (42.0, (-8.0, 46.0, 20.0))
    ヒント / Hint:
        講義と同じく torch.tensor(x, requires_grad=True) で葉テンソルを作り(float32 でも float64 でも
        よい)、f(...) の結果に .backward() を呼ぶと各テンソルの .grad に勾配が入ります(001:2684-2711)。
        .item() で Python の float に。呼び出しごとに新しいテンソルを作ります。
        As in the lecture, make leaf tensors with torch.tensor(x, requires_grad=True) (float32 or
        float64), call .backward() on f(...), then read each tensor's .grad (001:2684-2711);
        .item() turns a one-element tensor into a Python float. Make fresh tensors on every call.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: autograd.value_and_grad")
    # ============ ここまで / YOUR CODE ENDS HERE ============
