"""sum_to that stops at n - 1 (range(n)) / range(n) で n を足し忘れる sum_to"""

MESSAGE_MENTIONS = ('leaves out n', 'n を足していない')


def sum_to(n):
    total = 0
    for i in range(n):
        total += i
    return total
