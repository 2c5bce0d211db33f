"""XOR that joins NAND and OR with OR instead of AND (always 1) / NAND と OR の出力を AND でなく OR でまとめた XOR(常に 1)"""

MESSAGE_MENTIONS = ('gives 1 for every input', 'どの入力でも 1')


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return OR(s1, s2)
