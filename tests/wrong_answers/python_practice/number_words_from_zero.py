"""numbering from 0 (enumerate without start=1) / enumerate を start=1 なしで使い、番号が 0 から始まる"""

MESSAGE_MENTIONS = ('start at 0', '0 から始まって')


def number_words(words):
    for a, w in enumerate(words):
        print(w + ": " + str(a))
