"""ReLU forward that writes zeros into its input x (no copy) / 入力 x に直接 0 を書き込む ReLU の順伝播"""

MESSAGE_MENTIONS = ('overwritten', '書き換えられ')


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        x[self.mask] = 0
        return x

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
