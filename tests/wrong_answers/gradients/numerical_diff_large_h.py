"""numerical_diff with h = 0.1, far too large for a forward difference (error h/2·f'') / h = 0.1 の前方差分(h が大きすぎる)"""

MESSAGE_MENTIONS = ('too large', '大きすぎ')


def numerical_diff(f, x):
    h = 0.1
    return (f(x + h) - f(x)) / h
