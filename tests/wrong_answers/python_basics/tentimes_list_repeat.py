"""tentimes written as numlist * 10, which repeats the list ten times / numlist * 10 でリストを 10 回繰り返してしまう tentimes"""

MESSAGE_MENTIONS = ('repeats the list', '繰り返して')


def tentimes(numlist):
    return numlist * 10
