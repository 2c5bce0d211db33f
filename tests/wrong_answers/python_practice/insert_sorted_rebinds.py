"""x = sorted(x + [v]): the caller's list stays as it was / x = sorted(x + [v]) で呼び出し元のリストは変わらない"""

MESSAGE_MENTIONS = ('only rebinds', '付け直すだけ')


def insert_sorted(x, v):
    x = sorted(x + [v])
    return x
