"""Affine backward with db averaged over the batch instead of summed (right only when N = 1) / db をバッチ方向の和ではなく平均にした Affine"""

MESSAGE_MENTIONS = ('averaged over the batch', '平均')

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
        dx = dout @ self.W
        self.dW = dout.T @ self.x
        self.db = np.mean(dout, axis=0)
        return dx
