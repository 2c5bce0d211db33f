"""inverted dropout whose backward forgets the 1/(1 - ratio) that forward applied / 逆 Dropout で、forward で掛けた 1/(1 - ratio) を backward で忘れる"""

MESSAGE_MENTIONS = ('1/(1 - dropout_ratio) for inverted dropout', '逆 Dropout なら 1/(1 - dropout_ratio)')

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)

    def forward(self, x, train_flg=True):
        x = np.asarray(x, dtype=np.float64)
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask / (1.0 - self.dropout_ratio)
        return x

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64) * self.mask
