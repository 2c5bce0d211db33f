"""softmax without subtracting the maximum (overflows) / 最大値を引かないソフトマックス"""

MESSAGE_MENTIONS = ('without subtracting the maximum', '最大値を引かず')

import numpy as np


def softmax(x):
    exp = np.exp(x)
    return exp / np.sum(exp, axis=-1, keepdims=True)
