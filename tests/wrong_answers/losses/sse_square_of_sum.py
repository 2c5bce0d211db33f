"""sum of squared errors written 0.5 * np.sum(y - t) ** 2: the square of the sum, not the sum of squares / 0.5 * np.sum(y - t) ** 2 と書き、2 乗の和でなく和の 2 乗になった 2 乗和誤差"""

MESSAGE_MENTIONS = ('square of the sum', '和の 2 乗')

import numpy as np


def sum_squared_error(y, t):
    return float(0.5 * np.sum(np.asarray(y) - np.asarray(t)) ** 2)
