"""sorted(height) without a key: the names in alphabetical order / key なしの sorted(height) で名前のアルファベット順になる"""

MESSAGE_MENTIONS = ('alphabetical', 'アルファベット順')


def names_by_height(height, tallest_first=False):
    return sorted(height, reverse=tallest_first)
