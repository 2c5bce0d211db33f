"""sigmoid with exp(x) instead of exp(-x) / シグモイドで exp(-x) ではなく exp(x) を使った"""

MESSAGE_MENTIONS = ('sign of the exponent', '符号')

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(x))
