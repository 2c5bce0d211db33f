"""a += shift: the caller's array is overwritten / a += shift で呼び出し元の配列を書き換える"""

MESSAGE_MENTIONS = ('a += ', '書き換え')

import numpy as np


def shift_and_scale(a, shift=3, scale=10):
    a += shift
    b = a
    c = b * scale
    return b, c
