"""XOR built as AND(AND, OR) instead of AND(NAND, OR) / XOR を AND(NAND, OR) でなく AND(AND, OR) で作った"""

MESSAGE_MENTIONS = ('AND(NAND(x1, x2), OR(x1, x2))', 'AND の真理値表')


def XOR(x1, x2):
    s1 = AND(x1, x2)
    s2 = OR(x1, x2)
    return AND(s1, s2)
