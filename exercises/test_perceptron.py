"""自己チェック: パーセプトロン / Self-check: perceptrons."""
from autograder.checks import assert_equal

INPUTS = [(0, 0), (1, 0), (0, 1), (1, 1)]
TABLES = {"AND": [0, 0, 0, 1], "NAND": [1, 1, 1, 0], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
HINTS = {
    "AND": ("w1*x1 + w2*x2 + b が 0 以下なら 0。例: w = (0.5, 0.5), b = -0.7",
            "0 when w1*x1 + w2*x2 + b <= 0; e.g. w = (0.5, 0.5), b = -0.7"),
    "NAND": ("AND の重みとバイアスの符号を反転", "flip the signs of AND's weights and bias"),
    "OR": ("AND よりバイアスを 0 に近く", "a bias closer to 0 than AND's"),
    "XOR": ("NAND と OR の出力を AND に入れます", "feed the outputs of NAND and OR into AND"),
}


def _check_gate(submission, name):
    gate = getattr(submission.perceptron, name)
    for (x1, x2), expected in zip(INPUTS, TABLES[name]):
        got = gate(x1, x2)
        assert_equal(got, expected, func=f"perceptron.{name}({x1}, {x2})", hint=HINTS[name])


def test_AND(submission):
    _check_gate(submission, "AND")


def test_NAND(submission):
    _check_gate(submission, "NAND")


def test_OR(submission):
    _check_gate(submission, "OR")


def test_XOR(submission):
    _check_gate(submission, "XOR")
