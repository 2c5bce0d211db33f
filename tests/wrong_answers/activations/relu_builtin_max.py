"""ReLU with the built-in max(0, x): works for a scalar, fails for an array / 組み込みの max(0, x) でスカラーにしか使えない ReLU"""

MESSAGE_MENTIONS = ('built-in max', '組み込みの max')


def relu(x):
    return max(0, x)
