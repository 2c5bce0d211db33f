"""gates that return the comparison itself (True/False) instead of the int 0 or 1 / 比較結果 True/False をそのまま返すゲート"""

MESSAGE_MENTIONS = ('True/False of a comparison', '比較の結果 True/False')

import numpy as np


def AND(x1, x2):
    return np.sum(np.array([0.5, 0.5]) * np.array([x1, x2])) - 0.7 > 0


def NAND(x1, x2):
    return np.sum(np.array([-0.5, -0.5]) * np.array([x1, x2])) + 0.7 > 0


def OR(x1, x2):
    return np.sum(np.array([0.5, 0.5]) * np.array([x1, x2])) - 0.2 > 0
