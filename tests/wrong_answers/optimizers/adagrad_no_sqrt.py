"""AdaGrad dividing by h instead of √h / AdaGrad で √h ではなく h で割った"""

MESSAGE_MENTIONS = ('instead of √h', '√h でなく h で割')

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-7)
