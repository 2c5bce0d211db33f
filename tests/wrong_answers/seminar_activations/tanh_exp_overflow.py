"""tanh straight from the definition with np.exp: nan for large |x| (inf / inf) / 定義どおり np.exp で書いた tanh(|x| が大きいと inf / inf = nan)"""

MESSAGE_MENTIONS = ('exp overflowing', '桁あふれ')

import numpy as np


def tanh(x):
    x = np.asarray(x, dtype=np.float64)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
