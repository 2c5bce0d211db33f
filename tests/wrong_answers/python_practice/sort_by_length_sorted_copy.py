"""x = sorted(x, key=len): a new list, the caller's list is not sorted / x = sorted(x, key=len) で新しいリストを作るだけで呼び出し元は並ばない"""

MESSAGE_MENTIONS = ('only makes a new list', '新しいリストを作るだけ')


def sort_by_length(x):
    x = sorted(x, key=len)
