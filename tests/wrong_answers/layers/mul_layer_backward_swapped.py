"""MulLayer backward that multiplies by its own input (dx = dout·x) instead of the other one / 乗算レイヤの逆伝播で入力をひっくり返していない"""

MESSAGE_MENTIONS = ('its own input', 'もう一方の入力')


class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        return dout * self.x, dout * self.y
