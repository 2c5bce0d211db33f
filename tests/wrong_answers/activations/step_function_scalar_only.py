"""step function written with if (the book's first version, 3.2.2): works for a scalar, fails for an array / if 文で書いてスカラーにしか使えないステップ関数(教科書 3.2.2 の最初の形)"""

MESSAGE_MENTIONS = ('an if', 'if 文')


def step_function(x):
    if x > 0:
        return 1
    else:
        return 0
