"""tentimes that multiplies the input list in place and returns it / 受け取ったリストを書き換えて返す tentimes"""

MESSAGE_MENTIONS = ('overwritten', '書き換えられ')


def tentimes(numlist):
    for i in range(len(numlist)):
        numlist[i] = numlist[i] * 10
    return numlist
