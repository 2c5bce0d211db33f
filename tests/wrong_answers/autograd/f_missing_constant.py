"""f without the trailing + 1 (f(1,2,3) = 41) / f の最後の + 1 を落とした"""

MESSAGE_MENTIONS = ('final + 1', '最後の + 1')


def f(x1, x2, x3):
    return (x1 - 2 * x2 - 1) ** 2 + (x2 * x3 - 1) ** 2
