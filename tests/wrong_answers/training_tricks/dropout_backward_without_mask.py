"""backward passes dout on unchanged, ignoring the mask / backward でマスクを使わず dout をそのまま返す"""

MESSAGE_MENTIONS = ('mask forward kept', 'self.mask を掛けます')

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)

    def forward(self, x, train_flg=True):
        x = np.asarray(x, dtype=np.float64)
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64)
