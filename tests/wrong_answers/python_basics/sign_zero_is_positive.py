"""sign without a zero case: prints positive and returns 1 for 0 / 0 の場合を忘れ、0 で positive と表示して 1 を返す sign"""

MESSAGE_MENTIONS = ('x == 0', '0 の場合')


def sign(x):
    if x < 0:
        print("negative")
        return -1
    else:
        print("positive")
        return 1
