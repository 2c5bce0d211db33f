"""Sigmoid backward with x(1 - x) instead of y(1 - y) / シグモイドの逆伝播で出力 y ではなく入力 x を使った"""

MESSAGE_MENTIONS = ("forward's output", 'forward の出力')

import numpy as np


class Sigmoid:
    def __init__(self):
        self.x = None

    def forward(self, x):
        self.x = x
        return 1 / (1 + np.exp(-x))

    def backward(self, dout):
        return dout * (1.0 - self.x) * self.x
