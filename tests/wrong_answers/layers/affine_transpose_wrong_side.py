"""Affine backward with the book's (in, out) transposes kept for an (out, in) W: dx = dout @ W.T, dW = x.T @ dout / 転置の位置を間違えた Affine の逆伝播"""

MESSAGE_MENTIONS = ('(out, in)', '(出力, 入力)')

import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        return x @ self.W.T + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx
