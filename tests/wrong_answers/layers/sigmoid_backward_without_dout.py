"""Sigmoid backward that returns y(1 - y) without multiplying by dout / dout を掛け忘れたシグモイドの逆伝播"""

MESSAGE_MENTIONS = ('without dout', 'dout を掛けていない')

import numpy as np


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return (1.0 - self.out) * self.out
