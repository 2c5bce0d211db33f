"""gates written with a threshold θ instead of a bias, 1 when w1*x1 + w2*x2 > θ, as the course's simple perceptron (001:1530-1546, book 2.3.1) / バイアスでなく閾値 θ で書いたゲート(授業の単純パーセプトロン 001:1530-1546、教科書 2.3.1)"""


def AND(x1, x2):
    w1, w2, theta = 0.5, 0.5, 0.7
    tmp = x1 * w1 + x2 * w2
    if tmp <= theta:
        return 0
    elif tmp > theta:
        return 1


def NAND(x1, x2):
    w1, w2, theta = -0.5, -0.5, -0.7
    tmp = x1 * w1 + x2 * w2
    if tmp <= theta:
        return 0
    elif tmp > theta:
        return 1


def OR(x1, x2):
    w1, w2, theta = 0.5, 0.5, 0.2
    tmp = x1 * w1 + x2 * w2
    if tmp <= theta:
        return 0
    elif tmp > theta:
        return 1
