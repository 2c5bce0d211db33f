"""sum of squared errors without the factor 1/2 / 係数 1/2 を付け忘れた 2 乗和誤差"""

MESSAGE_MENTIONS = ('factor 1/2', '1/2 を掛けていない')

import numpy as np


def sum_squared_error(y, t):
    return float(np.sum((np.asarray(y) - np.asarray(t)) ** 2))
