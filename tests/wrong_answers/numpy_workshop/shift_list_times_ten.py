"""b built as a Python list, so b * scale repeats the list instead of multiplying / b を Python のリストで作り、b * scale がリストの繰り返しになる"""

MESSAGE_MENTIONS = ('repeats the list', 'リストを 10 回繰り返')


def shift_and_scale(a, shift=3, scale=10):
    b = [v + shift for v in a]
    c = b * scale
    return b, c
