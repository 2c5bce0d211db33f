"""sign that prints the word but returns nothing / 表示するだけで値を返さない sign"""

MESSAGE_MENTIONS = ('nothing came back', '何も返していません')


def sign(x):
    if x < 0:
        print("negative")
    elif x == 0:
        print("zero")
    else:
        print("positive")
