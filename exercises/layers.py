# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""誤差逆伝播法のレイヤ / Layers for backpropagation
(講義 001:2265-2420、『ゼロから作るDeep Learning』5章 / lecture 001:2265-2420, book chapter 5).

どのレイヤも forward(順伝播)と backward(逆伝播)を持ちます。backward は上流から来た
勾配 dout を受け取り、入力についての勾配を返します。forward で覚えておいた値を backward で使います。
講義の言葉では「上流の関数から伝達された値に局所的な微分を乗算して前のノードへ渡す」(001:2360)、
「合流地点では各パスから伝搬してきた勾配を足し合わせる」(001:2405)。
Every layer has forward and backward. backward takes the upstream gradient dout and
returns the gradient with respect to the inputs, using what forward remembered. In the
lecture's words: multiply the value coming from upstream by the local derivative and pass
it on (001:2360); where paths meet, add the gradients they bring (001:2405).

重み行列は torch.nn.Linear と同じ (out, in) の形です: バッチ x (N, in) に対して x @ W.T + b。
Weight matrices are (out, in) as in torch.nn.Linear: x @ W.T + b for a batch x of shape (N, in).
"""
import numpy as np


class MulLayer:
    """乗算レイヤ / Multiplication layer: out = x * y."""

    def __init__(self):
        """ヒント / Hint: backward で使う x と y を入れる場所を用意します。
        Make room for x and y, which backward needs."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.MulLayer.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x, y):
        """入力 / Input: x, y: 数または同じ形の配列 / numbers or arrays of one shape
        戻り値 / Returns: x * y
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.MulLayer.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout):
        """入力 / Input: dout: 出力についての勾配 / the gradient with respect to the output
        戻り値 / Returns: (dx, dy)
        ヒント / Hint: 乗算ノードは入力を「ひっくり返して」掛けます(教科書 5.3.2)。
        A multiplication node multiplies by the *other* input (book 5.3.2).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.MulLayer.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class AddLayer:
    """加算レイヤ / Addition layer: out = x + y."""

    def __init__(self):
        """何も覚えておく必要はありません / nothing needs to be remembered."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.AddLayer.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x, y):
        """入力 / Input: x, y: 数または同じ形の配列 / numbers or arrays of one shape
        戻り値 / Returns: x + y
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.AddLayer.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout):
        """入力 / Input: dout: 出力についての勾配 / the gradient with respect to the output
        戻り値 / Returns: (dx, dy)
        ヒント / Hint: 加算ノードは勾配をそのまま流します(教科書 5.3.1)。
        An addition node passes the gradient on unchanged (book 5.3.1).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.AddLayer.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class Relu:
    """ReLU レイヤ / ReLU layer: out = max(0, x)."""

    def __init__(self):
        """ヒント / Hint: どの要素が 0 以下だったかを覚える mask を用意します。
        Make room for a mask of the elements that were <= 0."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Relu.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x):
        """入力 / Input: x: 任意の形の配列 / an array of any shape
        戻り値 / Returns: x と同じ形の max(0, x) / max(0, x), shaped like x (x itself unchanged)
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Relu.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout):
        """入力 / Input: dout: forward の出力と同じ形 / shaped like forward's output
        戻り値 / Returns: dx(x と同じ形) / dx, shaped like x
        ヒント / Hint: forward で x が 0 以下だった場所の勾配は 0、それ以外は dout のまま(教科書 5.5.1)。
        dout の値の符号ではなく、x の符号で決まります。
        Where x was <= 0 the gradient is 0, elsewhere dout passes (book 5.5.1).
        It depends on the sign of x, not on the sign of dout.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Relu.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class Sigmoid:
    """Sigmoid レイヤ / Sigmoid layer: y = 1 / (1 + exp(-x))."""

    def __init__(self):
        """ヒント / Hint: backward では forward の出力 y を使います / backward uses forward's output y."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Sigmoid.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x):
        """入力 / Input: x: 任意の形の配列 / an array of any shape
        戻り値 / Returns: x と同じ形 / shaped like x
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Sigmoid.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout):
        """入力 / Input: dout: forward の出力と同じ形 / shaped like forward's output
        戻り値 / Returns: dx(x と同じ形) / dx, shaped like x
        ヒント / Hint: ∂y/∂x = y(1 - y) です(教科書 5.5.2)。/ ∂y/∂x = y(1 - y) (book 5.5.2).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Sigmoid.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class Affine:
    """Affine レイヤ(全結合) / Affine (fully connected) layer: out = x @ W.T + b.

    W の形は (out, in)、b の形は (out,) です(torch.nn.Linear と同じ)。
    W has shape (out, in) and b shape (out,), as in torch.nn.Linear.
    """

    def __init__(self, W, b):
        """入力 / Input: W: (out, in) の重み / weights; b: (out,) のバイアス / bias.

        ヒント / Hint: backward のあとで self.dW と self.db が読めるようにします。
        After backward, self.dW and self.db hold the gradients of W and b.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Affine.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x):
        """入力 / Input: x: (N, in) のバッチ / a batch of shape (N, in)
        戻り値 / Returns: (N, out) の x @ W.T + b / x @ W.T + b, shape (N, out)
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Affine.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout):
        """入力 / Input: dout: (N, out)
        戻り値 / Returns: dx: (N, in)。self.dW (out, in) と self.db (out,) も求めます
                          / dx of shape (N, in); also sets self.dW (out, in) and self.db (out,)
        ヒント / Hint:
            行列の積の勾配は、形がそろうように転置を選びます(教科書 5.6.1)。
            b はバッチの全サンプルに足されたので、db はバッチ方向(axis=0)の和です。
            For a matrix product, pick the transposes so that the shapes fit (book 5.6.1).
            b was added to every sample of the batch, so db sums over the batch (axis=0).
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.Affine.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


class SoftmaxWithLoss:
    """Softmax と交差エントロピー誤差をまとめたレイヤ / Softmax followed by the cross-entropy loss."""

    def __init__(self):
        """ヒント / Hint: backward で使う softmax の出力 y と教師データ t を覚えます。
        Remember the softmax output y and the targets t for backward."""
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.SoftmaxWithLoss.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x, t):
        """入力 / Input:
            x: (N, K) のスコア / scores of shape (N, K)
            t: (N, K) の one-hot、または (N,) の正解ラベル / one-hot (N, K) or labels (N,)
        戻り値 / Returns: バッチ平均の交差エントロピー誤差(float) / the mean cross-entropy loss (a float)
        ヒント / Hint:
            softmax は最大値を引いて計算(3.5.2)、交差エントロピーは log(0) を避けるため
            log(y + 1e-7)(4.2.2)。ラベルなら y[np.arange(N), t] で正解の確率を取り出せます。
            Softmax with the maximum subtracted (3.5.2); cross entropy with log(y + 1e-7)
            (4.2.2). For labels, y[np.arange(N), t] picks each sample's correct probability.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.SoftmaxWithLoss.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def backward(self, dout=1):
        """入力 / Input: dout: 損失についての上流の勾配(最後のレイヤなら 1) / the upstream gradient
               of the loss (1 when this is the last layer)
        戻り値 / Returns: dx: (N, K) = dout · (y - t) / N
        ヒント / Hint: Softmax と交差エントロピーを合わせると、勾配は (y - t) をバッチサイズで
        割ったものになります(教科書 5.6.3)。ほかのレイヤと同じく dout を掛けます(教科書のコードは
        dout = 1 を前提に掛けていません)。ラベルの t は one-hot にしてから考えましょう。
        Together, softmax and cross entropy have the gradient (y - t) divided by the batch
        size (book 5.6.3). Multiply by dout like every other layer (the book's code leaves it
        out, assuming dout = 1). Think of label targets as one-hot.
        """
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: layers.SoftmaxWithLoss.backward")
        # ============ ここまで / YOUR CODE ENDS HERE ============
