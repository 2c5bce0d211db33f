"""softmax that sums down the columns (axis=0) of a batch instead of along each row / バッチの行ごとでなく列方向 (axis=0) に和を取るソフトマックス"""

MESSAGE_MENTIONS = ('axis=0', '列ごと')

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - np.max(x, axis=0, keepdims=True))
    return exp / np.sum(exp, axis=0, keepdims=True)
