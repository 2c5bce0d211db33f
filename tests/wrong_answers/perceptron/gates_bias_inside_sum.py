"""gates written as np.sum(w * x + b), which adds the bias once per input (twice) / np.sum(w * x + b) とバイアスを入力の数だけ(2 回)足すゲート"""

MESSAGE_MENTIONS = ('add b once', 'b は 1 回だけ')

import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x + b)
    if tmp <= 0:
        return 0
    else:
        return 1


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    tmp = np.sum(w * x + b)
    if tmp <= 0:
        return 0
    else:
        return 1


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x + b)
    if tmp <= 0:
        return 0
    else:
        return 1
