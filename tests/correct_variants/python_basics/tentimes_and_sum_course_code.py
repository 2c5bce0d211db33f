"""tentimes and sum_to as the course writes them: the 別解 r = [0]*len(numlist) (001:1311-1316) and the sum loop with x = i + 1 (001:1171-1175, the total returned) / 授業の別解どおりの tentimes と、授業の for 文どおりの sum_to"""


def tentimes(numlist):
    r = [0] * len(numlist)
    for i in range(len(numlist)):
        r[i] = 10 * numlist[i]
    return r


def sum_to(n):
    sum = 0
    for i in range(n):
        x = i + 1
        sum = sum + x
    return sum
