"""softmax that subtracts the maximum of the whole batch, not each row's: rows far below it become 0 / 0 / 行ごとでなくバッチ全体の最大値を引き、離れた行が 0 / 0 になるソフトマックス"""

MESSAGE_MENTIONS = ("each row's maximum", '行ごとの最大値')

import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - np.max(x))
    return exp / np.sum(exp, axis=-1, keepdims=True)
