"""AdaGrad that sets h = g⊙g at every update instead of adding to it (no memory of past gradients) / h に足し込まず毎回 g⊙g で置き換える AdaGrad"""

MESSAGE_MENTIONS = ('h accumulates', '足し込みます')

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] = grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
