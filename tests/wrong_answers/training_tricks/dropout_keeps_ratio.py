"""mask = rand < dropout_ratio: keeps the share meant to be erased / rand < dropout_ratio で、消すはずの割合を残してしまうマスク"""

MESSAGE_MENTIONS = ('share of elements kept', '要素の割合')

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)

    def forward(self, x, train_flg=True):
        x = np.asarray(x, dtype=np.float64)
        if train_flg:
            self.mask = self.rng.random(x.shape) < self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64) * self.mask
