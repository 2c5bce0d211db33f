"""tentimes with return inside the for loop: only the first element comes back / for 文の中で return して最初の要素しか返さない tentimes"""

MESSAGE_MENTIONS = ('inside the for loop', 'for 文の中')


def tentimes(numlist):
    r = []
    for x in numlist:
        r = r + [10 * x]
        return r
