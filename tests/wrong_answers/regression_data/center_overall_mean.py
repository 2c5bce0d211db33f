"""centring with the mean of every element (data.mean() without axis=0) / axis=0 を付けず全要素の平均を引く中心化"""

MESSAGE_MENTIONS = ('mean of every element', '全要素の平均')

import numpy as np


def center(data):
    data = np.asarray(data, dtype=np.float64)
    return data - data.mean()
