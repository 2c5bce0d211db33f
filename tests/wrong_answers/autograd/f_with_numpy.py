"""f written with NumPy functions, which breaks on tensors that require grad / NumPy の関数で f を書いた"""

MESSAGE_MENTIONS = ('into NumPy', 'NumPy に変換')

import numpy as np


def f(x1, x2, x3):
    return np.square(x1 - 2 * x2 - 1) + np.square(x2 * x3 - 1) + 1
