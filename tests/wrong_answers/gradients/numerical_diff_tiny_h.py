"""numerical_diff with h = 1e-50, which rounds to 0 (x + h == x) / h = 1e-50 の数値微分(丸め誤差で 0 になる)"""

MESSAGE_MENTIONS = ('too small', '小さすぎ')


def numerical_diff(f, x):
    h = 1e-50
    return (f(x + h) - f(x)) / h
