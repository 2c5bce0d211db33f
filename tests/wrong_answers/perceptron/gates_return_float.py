"""gates that return np.heaviside's float 0.0 / 1.0 instead of the int 0 or 1 / int でなく np.heaviside の float 0.0 / 1.0 を返すゲート"""

MESSAGE_MENTIONS = ('float 0.0 / 1.0', 'float の 0.0 / 1.0')

import numpy as np


def AND(x1, x2):
    return np.heaviside(np.sum(np.array([0.5, 0.5]) * np.array([x1, x2])) - 0.7, 0)


def NAND(x1, x2):
    return np.heaviside(np.sum(np.array([-0.5, -0.5]) * np.array([x1, x2])) + 0.7, 0)


def OR(x1, x2):
    return np.heaviside(np.sum(np.array([0.5, 0.5]) * np.array([x1, x2])) - 0.2, 0)
