"""add that prints the sum instead of returning it (the caller gets None) / 和を return せず print する add(呼び出し側は None を受け取る)"""

MESSAGE_MENTIONS = ('nothing came back', '何も返していません')


def add(x, y):
    ans = x + y
    print(ans)
