"""the input column taken as a vector (data[:, 0], shape (N,)) instead of an (N, 1) matrix / x を data[:, 0] で形 (N,) のベクトルとして取り出す"""

MESSAGE_MENTIONS = ('is a vector (N,)', 'ベクトル (N,)')

import numpy as np


def split_columns(data):
    data = np.asarray(data)
    return data[:, 0], data[:, 1]
