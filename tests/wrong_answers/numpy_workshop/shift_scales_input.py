"""c computed from a instead of b (a * scale) / c を b でなく a から計算する (a * scale)"""

MESSAGE_MENTIONS = ('multiply b', 'b に掛け')

import numpy as np


def shift_and_scale(a, shift=3, scale=10):
    a = np.asarray(a)
    return a + shift, a * scale
