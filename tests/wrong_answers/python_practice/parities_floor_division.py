"""y // 2 (integer division) where the lecture has y % 2 (the remainder) / 余り y % 2 の代わりに整数の割り算 y // 2 を使う"""

MESSAGE_MENTIONS = ('remainder', '余り')


def parities(nums):
    return ['odd' if y // 2 == 1 else 'even' for y in nums]
