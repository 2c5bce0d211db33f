"""sign that returns the word ("negative", "zero", "positive") instead of -1, 0, 1 / -1, 0, 1 ではなく単語を返す sign"""

MESSAGE_MENTIONS = ('a string', '文字列')


def sign(x):
    if x < 0:
        word = "negative"
    elif x == 0:
        word = "zero"
    else:
        word = "positive"
    print(word)
    return word
