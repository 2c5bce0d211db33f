"""central difference divided by h instead of 2h / 中心差分を 2h ではなく h で割った"""

MESSAGE_MENTIONS = ('2h', '2h で割')


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / h
