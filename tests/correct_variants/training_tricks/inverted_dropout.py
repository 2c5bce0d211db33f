"""Inverted dropout, as torch.nn.Dropout: kept units scaled by 1/(1 - ratio) while training, the test output left as it is / 逆 Dropout(学習時に 1/(1 - ratio) 倍、テスト時はそのまま)"""
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
        return np.asarray(dout, dtype=np.float64) * self.mask / (1.0 - self.dropout_ratio)
