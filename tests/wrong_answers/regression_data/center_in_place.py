"""centring in place (data -= mean overwrites the caller's array) / data -= mean で呼び出し元の配列を書き換える中心化"""

MESSAGE_MENTIONS = ('overwritten', '書き換えられ')

import numpy as np


def center(data):
    data = np.asarray(data, dtype=np.float64)
    data -= data.mean(axis=0)
    return data
