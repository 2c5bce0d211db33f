"""Momentum that moves W with the previous velocity before updating v (W ← W + v, then v ← αv - lr·g) / v を更新する前の速度で W を動かす Momentum"""

MESSAGE_MENTIONS = ('old v', '更新前の v')

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
            params[key] += self.v[key]
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
