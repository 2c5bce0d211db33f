"""the derivative 1 - tanh(x) without the square / 2 乗を忘れた 1 - tanh(x)"""

MESSAGE_MENTIONS = ('square is missing', '2 乗を忘れて')


def tanh_grad(x):
    return 1 - tanh(x)
