"""NAND that flips only the bias of AND, not the weights (always 1) / 重みはそのままバイアスだけ符号を変えた NAND(常に 1)"""

MESSAGE_MENTIONS = ("all of AND's weights", '符号をすべて反転')

import numpy as np


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = 0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
