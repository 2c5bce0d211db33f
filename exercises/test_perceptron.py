"""自己チェック: パーセプトロン / Self-check: perceptrons (教科書 / book 2.3-2.5; 授業 / course 001:1523-1580)."""
import numpy as np

from autograder.checks import assert_equal, assert_that

INPUTS = [(0, 0), (1, 0), (0, 1), (1, 1)]
TABLES = {"AND": [0, 0, 0, 1], "NAND": [1, 1, 1, 0], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
HINTS = {
    "AND": ("w1*x1 + w2*x2 + b が 0 以下なら 0。例: w = (0.5, 0.5), b = -0.7。b は np.sum の外で 1 回だけ足します",
            "0 when w1*x1 + w2*x2 + b <= 0; e.g. w = (0.5, 0.5), b = -0.7; add b once, outside np.sum"),
    "NAND": ("AND の重みとバイアスの符号を反転", "flip the signs of AND's weights and bias"),
    "OR": ("AND よりバイアスを 0 に近く", "a bias closer to 0 than AND's"),
    "XOR": ("NAND と OR の出力を AND に入れます", "feed the outputs of NAND and OR into AND"),
}


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _check_gate(submission, name):
    gate = getattr(submission.perceptron, name)
    for (x1, x2), expected in zip(INPUTS, TABLES[name]):
        for a, b in ((x1, x2), (float(x1), float(x2)), (np.float64(x1), np.float64(x2))):
            got = gate(a, b)
            assert_equal(got, expected, func=f"perceptron.{name}({a!r}, {b!r})", hint=HINTS[name])
            assert_that(_is_int(got), func=f"perceptron.{name}({a!r}, {b!r})",
                        problem=("int の 0 か 1 を返してください(True/False や 1.0 ではなく)",
                                 "return the int 0 or 1 (not True/False, not 1.0)"),
                        expected=expected, got=f"{type(got).__name__}: {got!r}",
                        hint=("if 文で return 0 / return 1", "return 0 or return 1 from an if statement"))


def test_AND(submission):
    _check_gate(submission, "AND")


def test_NAND(submission):
    _check_gate(submission, "NAND")


def test_OR(submission):
    _check_gate(submission, "OR")


def test_XOR(submission):
    _check_gate(submission, "XOR")
