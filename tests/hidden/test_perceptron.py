"""Hidden suite: perceptron (logic gates, book 2.3-2.5; the perceptron rule of the course 001:1523-1580).

Every gate returns the int 0 or 1. The truth tables are constants (tuples), written down before any call.
"""
import numpy as np
import pytest

from autograder.checks import assert_equal, assert_that, likely

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


OTHER_TABLES = (*TABLES, ("NOR", (1, 0, 0, 0)), ("XNOR", (1, 0, 0, 1)))
SUM_NOTE = ("重み付き和 w1*x1 + w2*x2 + b の b は 1 回だけ足します(np.sum(w*x + b) は入力の数だけ足します)",
            "add b once to the weighted sum w1*x1 + w2*x2 + b (np.sum(w*x + b) adds it once per input)")


def table_mistakes(name, outputs):
    """What a gate's whole truth table says about it: True/False or floats, another gate's
    table, or one value for every input."""
    found = [likely(any(isinstance(v, (bool, np.bool_)) for v in outputs),
                    "比較の結果 True/False をそのまま返しています: int の 0 か 1 を返します",
                    "this returns the True/False of a comparison; return the int 0 or 1"),
             likely(any(isinstance(v, (float, np.floating)) for v in outputs),
                    "float の 0.0 / 1.0 を返しています(np.heaviside などの結果): int の 0 か 1 を返します",
                    "this returns the float 0.0 / 1.0 (what np.heaviside gives); return the int 0 or 1")]
    try:
        table = tuple(int(v) for v in outputs)
    except (TypeError, ValueError):
        return found
    if table == dict(TABLES)[name]:
        return found
    weighted = name != "XOR"
    for value in (0, 1):
        if table == (value,) * 4:
            found.append(likely(True, f"{name} がどの入力でも {value} です。" + (SUM_NOTE[0] if weighted else
                                "XOR = AND(NAND, OR) の組み合わせを確かめましょう"),
                                f"your {name} gives {value} for every input; " + (SUM_NOTE[1] if weighted else
                                "check the combination XOR = AND(NAND, OR)")))
    for other, other_table in OTHER_TABLES:
        if other != name and table == other_table:
            found.append(likely(True, f"{name} が {other} の真理値表になっています: {table}",
                                f"your {name} follows the truth table of {other}: {table}"))
    return found


def _truth_table(submission, name, convert):
    gate = getattr(submission.perceptron, name)
    cases = [(convert(x1), convert(x2)) for x1, x2 in INPUTS]
    outputs = [gate(a, b) for a, b in cases]   # the whole table, to say what the gate does instead
    causes = table_mistakes(name, outputs)
    for (a, b), got, expected in zip(cases, outputs, dict(TABLES)[name]):
        assert_equal(got, expected, func=f"perceptron.{name}({a!r}, {b!r})", hint=HINTS[name], likely=causes)


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
    outputs = [gate(x1, x2) for x1, x2 in INPUTS]
    causes = table_mistakes(name, outputs)
    for (x1, x2), got, expected in zip(INPUTS, outputs, dict(TABLES)[name]):
        assert_equal(got, expected, func=f"perceptron.{name}({x1}, {x2})", hint=HINTS[name], likely=causes)
        assert_that(_is_int(got), func=f"perceptron.{name}({x1}, {x2})",
                    problem=("int の 0 か 1 を返してください", "return the int 0 or 1"),
                    expected=f"int {expected}", got=f"{type(got).__name__}: {got!r}", hint=TYPE_HINT, likely=causes)
