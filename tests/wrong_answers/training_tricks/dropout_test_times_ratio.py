"""test outputs multiplied by dropout_ratio (the slide read literally) instead of the share kept / テスト時に残した割合でなく dropout_ratio そのものを掛ける(スライドの文面どおり)"""

MESSAGE_MENTIONS = ('multiplied by dropout_ratio', 'dropout_ratio を掛けています')

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
        return x * self.dropout_ratio

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64) * self.mask
