"""SoftmaxWithLoss backward that ignores dout (right only for dout = 1) / dout を掛けない SoftmaxWithLoss の逆伝播"""

MESSAGE_MENTIONS = ('ignores dout', 'dout を掛けていない')

import numpy as np


class SoftmaxWithLoss:
    def __init__(self):
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        self.y = e / np.sum(e, axis=1, keepdims=True)
        n = self.y.shape[0]
        labels = np.argmax(t, axis=1) if t.size == self.y.size else t
        return float(-np.sum(np.log(self.y[np.arange(n), labels] + 1e-7)) / n)

    def backward(self, dout=1):
        n = self.y.shape[0]
        if self.t.size == self.y.size:
            return (self.y - self.t) / n
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n
