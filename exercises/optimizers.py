# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""パラメータの更新方法 / Optimizers (講義 001:2093-2175、『ゼロから作るDeep Learning』6.1).

講義は f(x, y) = x²/20 + y² で SGD がジグザグに進むこと(001:2096-2117)、Momentum と AdaGrad の式
(001:2122-2154)、Adam の考え方(001:2170-2174)を示します。コードと既定値は教科書 6.1 に従います。
The lecture shows SGD zigzagging on f(x, y) = x²/20 + y² (001:2096-2117), the Momentum and
AdaGrad formulas (001:2122-2154) and the idea of Adam (001:2170-2174); code and defaults
follow the book (Optimizers, section 6.1).

どのクラスも update(params, grads) でパラメータをその場で(in place)更新します。
params と grads は同じキーを持つ dict で、値は NumPy 配列です。
例: params = {'W1': (50, 784) の配列, 'b1': (50,) の配列, ...}
Every class updates the parameters in place with update(params, grads).
params and grads are dicts with the same keys whose values are NumPy arrays,
e.g. params = {'W1': array of shape (50, 784), 'b1': array of shape (50,), ...}.
"""
import numpy as np


class SGD:
    """確率的勾配降下法 / Stochastic gradient descent: W ← W - lr · ∂L/∂W (001:2012-2020)."""

    def __init__(self, lr=0.01):
        """入力 / Input: lr: 学習率 / the learning rate."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.SGD.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def update(self, params, grads):
        """params の各配列を 1 ステップ更新します / Updates every array of params by one step.

        入力 / Input:
            params: {名前: 配列} / {name: array}, 書き換える / changed in place
            grads: {名前: params と同じ形の勾配} / {name: gradient shaped like params[name]},
                   書き換えない / left unchanged
        戻り値 / Returns: None
        ヒント / Hint:
            for key in params.keys(): でキーごとに。-= は配列をその場で書き換えます。
            Loop over params.keys(); -= changes an array in place.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.SGD.update")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class Momentum:
    """Momentum: v ← αv - lr · ∂L/∂W,  W ← W + v  (001:2122-2130, α = 0.9 など / e.g. 0.9)."""

    def __init__(self, lr=0.01, momentum=0.9):
        """入力 / Input: lr: 学習率 / the learning rate; momentum: α.

        ヒント / Hint: 速度 v はまだ作らず None にしておき、最初の update で作ります。
        Keep the velocity v as None here and create it at the first update.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.Momentum.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def update(self, params, grads):
        """1 ステップ更新します / One step of Momentum.

        入力 / Input: params, grads: SGD.update と同じ / as in SGD.update
        戻り値 / Returns: None
        ヒント / Hint:
            v は params と同じキー・同じ形の 0 で始まり、update をまたいで保持されます(教科書 6.1.4)。
            v starts as zeros with params' keys and shapes and is kept between updates (book 6.1.4).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.Momentum.update")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class AdaGrad:
    """AdaGrad: h ← h + g⊙g,  W ← W - lr · g / √h  (001:2141-2154).

    教科書 6.1.5 は 0 で割らないよう √h に 1e-7 を足します。どちらの形でも正解です。
    The book (6.1.5) adds 1e-7 to √h so that it never divides by 0; both forms are accepted.
    """

    def __init__(self, lr=0.01):
        """入力 / Input: lr: 学習率 / the learning rate.

        ヒント / Hint: h は最初の update で作ります / create h at the first update.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.AdaGrad.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def update(self, params, grads):
        """1 ステップ更新します / One step of AdaGrad.

        入力 / Input: params, grads: SGD.update と同じ / as in SGD.update
        戻り値 / Returns: None
        ヒント / Hint:
            これまでの勾配の 2 乗和 h で学習率を要素ごとに小さくします(講義 001:2143-2147)。
            h は update のたびに足し込み、次の update に持ち越します。
            分母に 1e-7 を足すと 0 で割ることがありません(教科書 6.1.5)。
            The running sum h of squared gradients shrinks the step per element (lecture
            001:2143-2147); h keeps growing from one update to the next. Adding 1e-7 to the
            denominator keeps it from being 0 (book 6.1.5).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.AdaGrad.update")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class Adam:
    """Adam (Kingma & Ba, 2015): Momentum と AdaGrad を合わせた方法 / Momentum and AdaGrad combined
    (001:2170-2174; 式は教科書 6.1.6 / the formulas are the book's, 6.1.6).

    m ← m + (1-β1)(g - m),  v ← v + (1-β2)(g⊙g - v),
    lr_t = lr · √(1-β2^t) / (1-β1^t),  W ← W - lr_t · m / (√v + 1e-7)
    (t は update の回数, 1 から / t counts the updates, from 1)
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        """入力 / Input: lr: 学習率 / the learning rate; beta1, beta2: β1, β2.

        ヒント / Hint: m, v は最初の update で作り、回数 t を数えます。
        Create m and v at the first update, and count the updates t.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.Adam.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def update(self, params, grads):
        """1 ステップ更新します / One step of Adam.

        入力 / Input: params, grads: SGD.update と同じ / as in SGD.update
        戻り値 / Returns: None
        ヒント / Hint:
            m と v は 0 から始まるので、最初のうちは小さすぎます。lr_t の式がその偏りを補正します
            (バイアス補正, 教科書 6.1.6)。t は update を呼ぶたびに 1 増やします。
            m and v start at 0 and are too small at first; the lr_t formula corrects that bias
            (bias correction, book 6.1.6). Increase t by one at every update.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: optimizers.Adam.update")
        # ============ ここまで / YOUR CODE ENDS HERE ============
