"""softmax that normalises over the whole batch instead of per row / バッチ全体で正規化したソフトマックス"""

MESSAGE_MENTIONS = ('whole batch', 'バッチ全体の和')

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - np.max(x))
    return exp / np.sum(exp)
