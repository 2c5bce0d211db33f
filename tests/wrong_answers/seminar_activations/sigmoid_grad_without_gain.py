"""the derivative y(1 - y) without the inner factor g / 内側の微分 g を掛け忘れた y(1 - y)"""

MESSAGE_MENTIONS = ('inner derivative g', '内側の微分 g')


def sigmoid_grad(x, g=1.0):
    y = sigmoid(x, g)
    return y * (1 - y)
