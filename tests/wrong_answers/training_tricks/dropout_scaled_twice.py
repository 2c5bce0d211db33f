"""inverted dropout's 1/(1 - ratio) at training time and the book's (1 - ratio) at test time too: test outputs are too small / 学習時に逆 Dropout の 1/(1 - ratio) を掛け、テスト時にも教科書の (1 - ratio) を掛ける(二重のスケーリング)"""

MESSAGE_MENTIONS = ('scales twice', '二重')

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
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return np.asarray(dout, dtype=np.float64) * self.mask / (1.0 - self.dropout_ratio)
