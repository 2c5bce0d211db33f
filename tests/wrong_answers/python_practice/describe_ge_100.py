"""describe with a >= 100 / a >= 0: 100 and 0 land in the wrong branch / a >= 100、a >= 0 と書き、100 と 0 が別の枝に入る"""

MESSAGE_MENTIONS = ('not >=', '>= ではなく')


def describe(a):
    if a >= 100:
        print("aは100より大きい")
    elif a >= 0:
        print("aは0より大きくて100以下です")
    else:
        print("aは0以下です")
