"""softmax written with axis=1 for batches only: one sample of shape (K,) raises / axis=1 で書きバッチにしか使えない(1 サンプル (K,) で例外の)ソフトマックス"""

MESSAGE_MENTIONS = ('axis=-1', '最後の軸')

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return exp / np.sum(exp, axis=1, keepdims=True)
