"""the derivative 1 - tanh(x) without the square / 2 乗を忘れた 1 - tanh(x)"""


def tanh_grad(x):
    return 1 - tanh(x)
