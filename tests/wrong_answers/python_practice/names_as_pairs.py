"""sorted(height.items(), ...): (name, height) pairs instead of names / 名前ではなく (名前, 身長) の組を返す"""

MESSAGE_MENTIONS = ('pairs', '組が返って')


def names_by_height(height, tallest_first=False):
    return sorted(height.items(), key=lambda item: item[1], reverse=tallest_first)
