"""Momentum with the sign of the gradient term flipped (v = αv + lr·g) / 勾配の項の符号を逆にした Momentum"""

MESSAGE_MENTIONS = ('wrong sign', '符号が逆')

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
            params[key] += self.v[key]
