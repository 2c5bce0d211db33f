"""AND with bias -0.5 and the test tmp < 0, so a single 1 already fires / バイアス -0.5 と tmp < 0 の判定で入力 1 つでも発火する AND"""

MESSAGE_MENTIONS = ('truth table of OR', 'OR の真理値表')

import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.5
    tmp = np.sum(w * x) + b
    if tmp < 0:
        return 0
    else:
        return 1
