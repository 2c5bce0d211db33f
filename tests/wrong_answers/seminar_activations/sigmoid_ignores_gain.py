"""the ordinary sigmoid whatever g is / g を使わず普通のシグモイド関数のまま"""

MESSAGE_MENTIONS = ('without g', 'g を使っていない')

import numpy as np


def sigmoid(x, g=1.0):
    return 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))

