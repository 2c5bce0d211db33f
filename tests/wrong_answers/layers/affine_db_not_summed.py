"""Affine backward with db summed over every axis instead of the batch axis only / db をバッチ方向ではなく全要素で合計した Affine"""

MESSAGE_MENTIONS = ('single number', '1 つの数')

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
        self.db = np.sum(dout)
        return dx
