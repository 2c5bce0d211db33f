"""パーセプトロンで論理回路 / Logic gates from perceptrons (『ゼロから作るDeep Learning』2章 / chapter 2).

AND, NAND, OR は重み w と バイアス b を使った 1 つのパーセプトロンです(授業 001:1523-1546,
001:1566-1580: 重み付き和が閾値 θ を超えたら 1、b = -θ):
    w1*x1 + w2*x2 + b <= 0 なら 0、> 0 なら 1。
AND, NAND and OR are single perceptrons with weights w and a bias b (the course,
001:1523-1546 and 001:1566-1580: 1 when the weighted sum exceeds the threshold θ, b = -θ):
    0 when w1*x1 + w2*x2 + b <= 0, 1 when it is > 0.
論理回路そのものは授業では扱わず、教科書 2.3-2.5 に従います。
The gates themselves follow the book (2.3-2.5); the lectures do not build them.
XOR は 1 つでは作れないので(パーセプトロンの限界、003:272)、これらを組み合わせます
(多層パーセプトロン、003:277)。
XOR cannot be one perceptron (the perceptron's limit, 003:272); build it from the
others (a multi-layer perceptron, 003:277).

どのゲートも int の 0 または 1 を返します(NumPy の整数も可。True/False や 0.0/1.0 は不可)。
Every gate returns the int 0 or 1 (a NumPy integer is accepted; True/False and 0.0/1.0 are not).
"""
import numpy as np


def AND(x1, x2):
    """AND ゲート / The AND gate: 1 only when x1 = x2 = 1.

    入力 / Input:
        x1, x2: 0 または 1(int でも float でもよい) / 0 or 1 (int or float)
    戻り値 / Returns:
        int: 0 または 1 / 0 or 1
    ヒント / Hint:
        x = np.array([x1, x2]) と w = np.array([w1, w2]) の積の和に b を足し、
        0 以下なら 0、それ以外なら 1(教科書 2.3.3)。w と b は自分で選びます。
        Add b to the sum of w*x and return 0 when it is <= 0, otherwise 1 (book 2.3.3).
        You choose w and b.
    """
    ### BEGIN SOLUTION
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
    ### END SOLUTION


def NAND(x1, x2):
    """NAND ゲート / The NAND gate: 0 only when x1 = x2 = 1 (NOT AND).

    入力 / Input:
        x1, x2: 0 または 1 / 0 or 1
    戻り値 / Returns:
        int: 0 または 1 / 0 or 1
    ヒント / Hint:
        AND と同じ形で、重みとバイアスだけが違います。
        Same shape as AND; only the weights and the bias differ.
    """
    ### BEGIN SOLUTION
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
    ### END SOLUTION


def OR(x1, x2):
    """OR ゲート / The OR gate: 1 when x1 or x2 is 1.

    入力 / Input:
        x1, x2: 0 または 1 / 0 or 1
    戻り値 / Returns:
        int: 0 または 1 / 0 or 1
    ヒント / Hint:
        AND と同じ形で、バイアスだけが違います。
        Same shape as AND; only the bias differs.
    """
    ### BEGIN SOLUTION
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
    ### END SOLUTION


def XOR(x1, x2):
    """XOR ゲート / The XOR gate: 1 when exactly one of x1, x2 is 1.

    入力 / Input:
        x1, x2: 0 または 1 / 0 or 1
    戻り値 / Returns:
        int: 0 または 1 / 0 or 1
    ヒント / Hint:
        AND, NAND, OR の関数を 2 層に重ねます(教科書 2.5.2)。
        Stack the AND, NAND and OR functions in two layers (book 2.5.2).
    """
    ### BEGIN SOLUTION
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return AND(s1, s2)
    ### END SOLUTION
