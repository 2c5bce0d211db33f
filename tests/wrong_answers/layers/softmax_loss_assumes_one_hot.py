"""SoftmaxWithLoss that only handles one-hot targets (label targets give wrong results) / one-hot の t しか扱えない SoftmaxWithLoss"""

MESSAGE_MENTIONS = ('For labels', 'ラベルなら')

import numpy as np


class SoftmaxWithLoss:
    def __init__(self):
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        e = np.exp(x - np.max(x, axis=1, keepdims=True))
        self.y = e / np.sum(e, axis=1, keepdims=True)
        return float(-np.sum(t * np.log(self.y + 1e-7)) / self.y.shape[0])

    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
