"""x.append(v).sort(): append returns None, so .sort() fails / x.append(v).sort() とつなげ、None に sort しようとして失敗する"""

MESSAGE_MENTIONS = ('return None', '何も返しません')


def insert_sorted(x, v):
    x.append(v).sort()
