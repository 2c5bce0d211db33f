"""AdaGrad as the lecture writes it, h ← h + g⊙g, w ← w - η g/√h with no ε (001:2141-2149) / 講義の AdaGrad(ε なし)"""
import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] = self.h[key] + grads[key] * grads[key]
            params[key] -= self.lr * (1 / np.sqrt(self.h[key])) * grads[key]
