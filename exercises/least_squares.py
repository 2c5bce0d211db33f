# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""最小二乗法と勾配降下法 / Least squares and gradient descent.

直線 y = a*x + b を、(1) 偏微分を 0 とおいた閉じた形(講義 001:2742-2754)、(2) PyTorch の自動微分を
使った勾配降下(001:2756-2800)、(3) NumPy だけの勾配降下(身長・体重データの線形回帰, 002:67-81)で求めます。
Fit a line three ways: (1) the closed form from setting the partial derivatives to 0 (lecture
001:2742-2754), (2) gradient descent with torch autograd (001:2756-2800), (3) gradient descent
in plain NumPy (the height/weight linear regression, 002:67-81).
"""
import numpy as np
import torch


def fit_line(xs, ys):
    """誤差の二乗和 Σ(a*x_i + b - y_i)² を最小にする a, b を閉じた形で求めます。

    Least-squares line through the points (x_i, y_i), in closed form.

    入力 / Input:
        xs, ys: 長さ N の数列(リストまたは配列、N >= 2、xs は全部同じではない)
                sequences of length N (lists or arrays, N >= 2, not all xs equal)
    戻り値 / Returns:
        (a, b): Python の float / Python floats.
        例 / e.g. D = {(1,2), (2,3), (3,5)} → a = 3/2, b = 1/3
    ヒント / Hint:
        a と b で偏微分して 0 とおくと a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²、b = ȳ - a·x̄。
        Setting both partial derivatives to 0 gives a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)², b = ȳ - a·x̄.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: least_squares.fit_line")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def fit_line_gd(xs, ys, lr=0.01, epochs=500):
    """同じ直線を PyTorch の自動微分と勾配降下で求めます。

    The same line by gradient descent, with the gradient from torch autograd.

    約束 / Conventions (the course's, 001:2758-2778):
        - a = 0, b = 0 から始める / start from a = 0, b = 0
        - 損失は誤差の二乗和 loss = Σ(a*x_i + b - y_i)²(平均ではない)
          the loss is the sum of squared errors (not the mean)
        - 1 エポック = 全データで loss を計算 → backward → a, b を lr·勾配 だけ動かす(勾配は毎回 0 に戻す)
          one epoch = loss on all points → backward → a -= lr·∂loss/∂a, b -= lr·∂loss/∂b
          (gradients reset every epoch)
        - 返す loss は最後のエポックで計算した値(その更新の前)
          the returned loss is the one computed in the last epoch (before its update)

    入力 / Input:
        xs, ys: 長さ N の数列 / sequences of length N
        lr: 学習率 / learning rate
        epochs: 繰り返し回数 / number of updates
    戻り値 / Returns:
        (a, b, loss): Python の float / Python floats.
        例 / e.g. D = {(1,2), (2,3), (3,5)}, lr=0.01, 500 エポック / epochs
        → a ≈ 1.49677, b ≈ 0.34067, loss ≈ 0.16669
    ヒント / Hint:
        a, b を requires_grad=True のテンソルにし、loss.backward() のあと
        torch.no_grad() の中で更新して .grad.zero_() で勾配を消します(torch.optim.SGD でも同じ)。
        Make a and b tensors with requires_grad=True; after loss.backward(), update them inside
        torch.no_grad() and clear the gradients with .grad.zero_() (torch.optim.SGD does the same).
        講義のように a, b を float で持ち、エポックごとに新しいテンソル(float32)を作る書き方でも正解です。
        The lecture's way, a and b kept as floats and fresh (float32) tensors made every epoch, is
        accepted too.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: least_squares.fit_line_gd")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    """線形回帰 yp = x @ w を NumPy の勾配降下で学習します(ダミー変数つき)。

    Linear regression yp = x @ w trained by gradient descent in NumPy.

    約束 / Conventions (the course's, 002:67-81):
        - x の 0 列目はダミー変数(すべて 1)なので w[0] が切片、w[1] が傾き
          column 0 of x is the dummy variable (all ones): w[0] is the intercept, w[1] the slope
        - 損失 L = (1/2M) Σ (yp - yt)² (M はデータ数) / L = mean((yp - yt)²) / 2
        - 勾配 / gradient: x.T @ (yp - yt) / M;  更新 / update: w ← w - alpha · 勾配 / gradient
        - history の k 行目 = (k, その反復で更新前の w から計算した L, 更新後の w0, 更新後の w1)
          row k of history = (k, L computed from w before the update, w0 and w1 after the update)
        - 引数の w は書き換えない / the argument w is left unchanged

    入力 / Input:
        x: 形 (M, 2) の配列、0 列目は 1 / array of shape (M, 2), column 0 all ones
        yt: 形 (M,) の正解値 / targets of shape (M,)
        w: 形 (2,) の初期値 / initial weights of shape (2,)
        alpha: 学習率 / learning rate;  iters: 繰り返し回数 / number of iterations
    戻り値 / Returns:
        (w, history): 学習後の w (形 (2,)) と形 (iters, 4) の配列
        the final w (shape (2,)) and an array of shape (iters, 4)
        例 / e.g. 身長・体重データ(x, y とも平均を引いたもの)、w = (2, -1) から:
        height/weight data (both x and y centred) from w = (2, -1):
        1 行目 / first row (0, 50.416, 1.98, -0.6728)、200 行目 / row 200: L ≈ 2.306147, w ≈ (0.267959, 1.820690)
    ヒント / Hint:
        誤差 yd = yp - yt を使うと勾配は x.T @ yd / M と書けます。w = w - ... で新しい配列を作ると
        元の w は変わりません(w -= ... は書き換えます)。
        With the error yd = yp - yt the gradient is x.T @ yd / M. w = w - ... makes a new array and
        leaves the argument alone (w -= ... would overwrite it).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: least_squares.linear_regression_gd")
    # ============ ここまで / YOUR CODE ENDS HERE ============
