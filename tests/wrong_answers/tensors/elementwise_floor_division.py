"""x // y (floor division) for x / y / x / y の代わりに切り捨ての割り算 x // y を使う"""

MESSAGE_MENTIONS = ('floor division', '切り捨ての割り算')



def elementwise(x, y):
    return x + y, x - y, x * y, x // y
