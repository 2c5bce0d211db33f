"""Hidden suite: activations."""
import numpy as np
import pytest

from autograder.checks import assert_close, assert_that

SIGMOID_HINT = ("1 / (1 + np.exp(-x)) です。exp の符号を確認", "it is 1 / (1 + np.exp(-x)); check the sign in exp")
SOFTMAX_HINT = ("最大値を引いてから exp を取ると桁あふれしません", "subtract the maximum before exp to avoid overflow")


def test_step_function_values(submission):
    got = submission.activations.step_function(np.array([-3.0, -1e-9, 0.0, 1e-9, 5.0]))
    assert_close(got, [0, 0, 0, 1, 1], func="activations.step_function",
                 hint=("x > 0 のときだけ 1。x == 0 は 0", "1 only where x > 0; 0 at x == 0"))


def test_step_function_scalar_zero(submission):
    act = submission.activations
    assert_close(act.step_function(0.0), 0, func="activations.step_function(0.0)",
                 hint=("x == 0 は 0 です", "step_function(0) is 0"))
    assert_close(act.step_function(2), 1, func="activations.step_function(2)")


def test_sigmoid_values(submission):
    x = np.array([[-2.0, 0.0], [1.0, 3.0]])
    assert_close(submission.activations.sigmoid(x), 1 / (1 + np.exp(-x)), func="activations.sigmoid",
                 rtol=1e-9, hint=SIGMOID_HINT)


def test_sigmoid_symmetry(submission):
    x = np.linspace(-6, 6, 13)
    act = submission.activations
    total = np.asarray(act.sigmoid(x)) + np.asarray(act.sigmoid(-x))
    assert_close(total, np.ones_like(x), func="activations.sigmoid(x) + sigmoid(-x)", rtol=1e-9,
                 hint=("σ(x) + σ(-x) = 1 になるはずです", "sigmoid(x) + sigmoid(-x) must be 1"))


def test_sigmoid_scalar(submission):
    assert_close(submission.activations.sigmoid(0.0), 0.5, func="activations.sigmoid(0.0)", hint=SIGMOID_HINT)


def test_relu_values(submission):
    x = np.array([[-5.0, -0.5, 0.0], [0.5, 2.0, 1e6]])
    assert_close(submission.activations.relu(x), np.maximum(0, x), func="activations.relu",
                 hint=("np.maximum(0, x) は要素ごと", "np.maximum(0, x) works element-wise"))


def test_relu_leaves_input_unchanged(submission):
    x = np.array([-1.0, 2.0, -3.0])
    (x,) = submission.call_and_read_args(submission.activations.relu, x).args
    assert_close(x, [-1.0, 2.0, -3.0], func="activations.relu",
                 hint=("入力の配列を書き換えないでください", "do not modify the input array"))


def test_identity_function(submission):
    x = np.array([[1.0, -2.5], [0.0, 7.0]])
    assert_close(submission.activations.identity_function(x), x, func="activations.identity_function")


@pytest.mark.parametrize("x", [[0.3, 2.9, 4.0], [-1.0, 0.0, 1.0, 2.0], [5.0]])
def test_softmax_one_sample(submission, x):
    x = np.array(x)
    expected = np.exp(x - x.max()) / np.exp(x - x.max()).sum()
    assert_close(submission.activations.softmax(x), expected, func=f"activations.softmax({x.tolist()})",
                 rtol=1e-9, hint=SOFTMAX_HINT)


def test_softmax_stable_for_large_inputs(submission):
    x = np.array([1010.0, 1000.0, 990.0])
    got = np.asarray(submission.activations.softmax(x), dtype=np.float64)
    assert_that(bool(np.all(np.isfinite(got))), func="activations.softmax([1010, 1000, 990])",
                problem=("nan か inf が出ました(桁あふれ)", "got nan or inf (overflow)"), got=got,
                hint=SOFTMAX_HINT)
    assert_close(got, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09], rtol=1e-6,
                 func="activations.softmax([1010, 1000, 990])", hint=SOFTMAX_HINT)


def test_softmax_batch_rows(submission):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 6)) * 5
    got = np.asarray(submission.activations.softmax(x))
    expected = np.exp(x - x.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    assert_close(got, expected, rtol=1e-9, func="activations.softmax(batch of shape (4, 6))",
                 hint=("バッチでは行ごと(最後の軸)に計算。axis=-1, keepdims=True",
                       "for a batch, work per row (last axis): axis=-1, keepdims=True"))
    assert_close(got.sum(axis=1), np.ones(4), rtol=1e-12, func="activations.softmax row sums")
