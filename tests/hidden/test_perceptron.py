"""Hidden suite: perceptron (logic gates, book 2.3-2.5; the perceptron rule of the course 001:1523-1580).

Every gate returns the int 0 or 1. The truth tables are constants (tuples), written down before any call.
"""
import numpy as np
import pytest

from autograder.checks import assert_equal, assert_that

INPUTS = ((0, 0), (1, 0), (0, 1), (1, 1))
TABLES = (("AND", (0, 0, 0, 1)), ("NAND", (1, 1, 1, 0)), ("OR", (0, 1, 1, 1)), ("XOR", (0, 1, 1, 0)))
HINTS = {
    "AND": ("w1*x1 + w2*x2 + b が 0 以下なら 0、それ以外は 1。(1, 1) のときだけ 0 を超える w, b を選びます",
            "0 when w1*x1 + w2*x2 + b <= 0, else 1; choose w, b so that only (1, 1) gets above 0"),
    "NAND": ("AND の重みとバイアスの符号をすべて反転します", "flip the signs of all of AND's weights and its bias"),
    "OR": ("(0, 0) のときだけ 0 以下になるバイアスを選びます", "choose a bias so that only (0, 0) stays at or below 0"),
    "XOR": ("XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))(教科書 2.5.2)",
            "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)) (book 2.5.2)"),
}
TYPE_HINT = ("if 文で 0 か 1 を return します(比較の結果 True/False や float ではなく)",
             "return 0 or 1 from an if statement (not the True/False of a comparison, not a float)")


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _truth_table(submission, name, convert):
    gate = getattr(submission.perceptron, name)
    for (x1, x2), expected in zip(INPUTS, dict(TABLES)[name]):
        a, b = convert(x1), convert(x2)
        got = gate(a, b)
        assert_equal(got, expected, func=f"perceptron.{name}({a!r}, {b!r})", hint=HINTS[name])


def test_AND(submission):
    _truth_table(submission, "AND", int)


def test_NAND(submission):
    _truth_table(submission, "NAND", int)


def test_OR(submission):
    _truth_table(submission, "OR", int)


def test_XOR(submission):
    _truth_table(submission, "XOR", int)


@pytest.mark.parametrize("name", ["AND", "NAND", "OR", "XOR"])
def test_gates_accept_float_inputs(submission, name):
    _truth_table(submission, name, float)


@pytest.mark.parametrize("name", ["AND", "NAND", "OR", "XOR"])
def test_gates_accept_numpy_scalars(submission, name):
    _truth_table(submission, name, np.float64)


@pytest.mark.parametrize("name", ["AND", "NAND", "OR", "XOR"])
def test_gates_return_int(submission, name):
    gate = getattr(submission.perceptron, name)
    for (x1, x2), expected in zip(INPUTS, dict(TABLES)[name]):
        got = gate(x1, x2)
        assert_equal(got, expected, func=f"perceptron.{name}({x1}, {x2})", hint=HINTS[name])
        assert_that(_is_int(got), func=f"perceptron.{name}({x1}, {x2})",
                    problem=("int の 0 か 1 を返してください", "return the int 0 or 1"),
                    expected=f"int {expected}", got=f"{type(got).__name__}: {got!r}", hint=TYPE_HINT)
