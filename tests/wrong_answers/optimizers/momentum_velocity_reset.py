"""Momentum that recreates v at every update (no memory, so it is plain SGD) / update のたびに v を作り直す Momentum"""

MESSAGE_MENTIONS = ('plain SGD', '作り直した')

import numpy as np


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            v[key] = self.momentum * v[key] - self.lr * grads[key]
            params[key] += v[key]
