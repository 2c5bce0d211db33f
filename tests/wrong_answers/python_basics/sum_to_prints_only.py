"""sum_to that prints the total as the course's cell does (001:1171-1175) but returns nothing / 授業のセルのように合計を print するだけで return しない sum_to"""

MESSAGE_MENTIONS = ('nothing came back', '何も返していません')


def sum_to(n):
    total = 0
    for i in range(n):
        x = i + 1
        total = total + x
    print(total)
