"""OR copied from AND with the bias left at -0.7 (it behaves as AND) / AND をコピーしてバイアス -0.7 のままの OR(AND になる)"""

MESSAGE_MENTIONS = ('truth table of AND', 'AND の真理値表')

import numpy as np


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
