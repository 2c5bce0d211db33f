"""ReLU backward that applies ReLU to dout instead of using the forward mask / mask を使わず dout に ReLU をかけた逆伝播"""

MESSAGE_MENTIONS = ('ReLU applied to dout', 'dout に ReLU')

import numpy as np


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        return np.maximum(0, dout)
