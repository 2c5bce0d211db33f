"""Hidden suite: activations (the course 000:185-207, 001:1566-1705; book chapter 3).

Every expected value is computed by the judge before the student's code runs.
step_function(0) may be 0 (000:192, 001:1578) or 1 (001:1592): both are accepted.
"""
import numpy as np
import pytest

from autograder.checks import assert_close, assert_that, fail, likely

STEP_HINT = ("x > 0 なら 1、x < 0 なら 0(x == 0 は 0 でも 1 でもよい)。配列には if 文でなく比較 x > 0 を使います",
             "1 where x > 0, 0 where x < 0 (0 or 1 at x == 0); for arrays use the comparison x > 0, not an if")
SIGMOID_HINT = ("1 / (1 + np.exp(-x)) です。exp の符号を確認", "it is 1 / (1 + np.exp(-x)); check the sign in exp")


def sigmoid_mistakes(x):
    return [likely(1 / (1 + np.exp(np.asarray(x, dtype=np.float64))),
                   "1 / (1 + exp(x)) の値です: 指数の符号が逆です(exp(-x))",
                   "this is 1 / (1 + exp(x)): the sign of the exponent is flipped (exp(-x))")]
RELU_HINT = ("np.maximum(0, x) は要素ごと", "np.maximum(0, x) works element-wise")
SOFTMAX_HINT = ("最大値(バッチでは行ごとの最大値)を引いてから exp を取ると桁あふれしません",
                "subtract the maximum (for a batch, each row's maximum) before exp to avoid overflow")
ROWS_HINT = ("バッチでは行ごと(最後の軸)に最大値を引き、和を取ります。axis=-1, keepdims=True",
             "for a batch, subtract each row's maximum and sum each row (last axis): axis=-1, keepdims=True")


def _ref_softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _same(got, value) -> bool:
    """``got`` is what a known mistake gives, nan where it gives nan."""
    got, value = np.asarray(got, dtype=np.float64), np.asarray(value, dtype=np.float64)
    return got.shape == value.shape and bool(np.allclose(got, value, rtol=1e-6, atol=1e-12, equal_nan=True))


def softmax_mistakes(x):
    """Known mistakes of softmax, named when the student's value is what they give."""
    with np.errstate(all="ignore"):
        no_shift = np.exp(x) / np.exp(x).sum(axis=-1, keepdims=True)
        global_shift = np.exp(x - x.max()) / np.exp(x - x.max()).sum(axis=-1, keepdims=True)
        whole_batch = np.exp(x - x.max()) / np.exp(x - x.max()).sum()
        columns = np.exp(x - x.max(axis=0, keepdims=True)) / np.exp(x - x.max(axis=0, keepdims=True)).sum(axis=0)
    batch = x.ndim > 1
    return [likely(lambda got: _same(got, no_shift),
                   "最大値を引かずに exp を取った値です(大きな入力で exp が桁あふれし、inf / inf = nan)",
                   "this is exp without subtracting the maximum first (large inputs overflow: inf / inf = nan)"),
            likely(lambda got: batch and _same(got, global_shift),
                   "バッチ全体の最大値を引いた値です。行ごとの最大値(axis=-1, keepdims=True)を引きます",
                   "this subtracts the maximum of the whole batch; subtract each row's maximum "
                   "(axis=-1, keepdims=True)"),
            likely(lambda got: batch and _same(got, whole_batch),
                   "バッチ全体の和で割った値です。和は行ごとに取ります(axis=-1, keepdims=True)",
                   "this divides by the sum over the whole batch; sum each row (axis=-1, keepdims=True)"),
            likely(lambda got: batch and _same(got, columns),
                   "列ごと(axis=0)に正規化した値です。ソフトマックスは行ごと(axis=-1)です",
                   "this normalises each column (axis=0); softmax works along each row (axis=-1)")]


def _check_step(got, x, func):
    """``got`` is the step function of ``x``, with either 0 or 1 wherever x == 0 (the course gives both)."""
    __tracebackhide__ = True
    below, above = (x > 0).astype(np.float64), (x >= 0).astype(np.float64)
    try:
        actual = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        actual = None
    if actual is None or actual.shape != x.shape:
        fail(func, expected=below, got=got, hint=STEP_HINT,
             problem=("x と同じ形の 0/1 の配列を返してください", "return 0s and 1s shaped like x"))
    at_zero = x == 0
    ok = np.array_equal(actual[~at_zero], below[~at_zero]) and bool(np.all(np.isin(actual[at_zero], (0.0, 1.0))))
    if not ok:
        fail(func, expected=f"{below.tolist()} (x == 0 では 0 か 1 / 0 or 1 where x == 0)", got=got, hint=STEP_HINT)


# -- step_function (000:192, 001:1578, 001:1592) ------------------------------------------

def test_step_function_values(submission):
    for x in (np.array([-3.0, -1e-9, 0.0, 1e-9, 5.0]), np.array([[0.5, -0.5, 0.0], [-2.0, 2.0, 7.0]])):
        got = submission.activations.step_function(x.copy())
        _check_step(got, x, func=f"activations.step_function({x.tolist()})")


def test_step_function_scalars(submission):
    for x in (-2.5, 0.0, 3.0, 1e-9, -7):
        got = submission.activations.step_function(x)
        _check_step(got, np.array(x, dtype=np.float64), func=f"activations.step_function({x!r})")


# -- sigmoid (000:198, 001:1601) -----------------------------------------------------------

def test_sigmoid_values(submission):
    x = np.array([[-2.0, 0.0], [1.0, 3.0]])
    expected = 1 / (1 + np.exp(-x))
    got = submission.activations.sigmoid(x.copy())
    assert_close(got, expected, func="activations.sigmoid", rtol=1e-9, hint=SIGMOID_HINT,
                 likely=sigmoid_mistakes(x))


def test_sigmoid_symmetry(submission):
    x = np.linspace(-6, 6, 13)
    act = submission.activations
    got_pos = np.asarray(act.sigmoid(x.copy()), dtype=np.float64)
    got_neg = np.asarray(act.sigmoid(-x), dtype=np.float64)
    assert_close(got_pos, 1 / (1 + np.exp(-x)), func="activations.sigmoid(linspace(-6, 6, 13))", rtol=1e-9,
                 hint=SIGMOID_HINT, likely=sigmoid_mistakes(x))
    assert_close(got_pos + got_neg, np.ones_like(x), func="activations.sigmoid(x) + sigmoid(-x)", rtol=1e-9,
                 hint=("σ(x) + σ(-x) = 1 になるはずです", "sigmoid(x) + sigmoid(-x) must be 1"))


def test_sigmoid_scalar(submission):
    for x in (0.0, -1.5):
        expected = 1 / (1 + np.exp(-x))
        got = submission.activations.sigmoid(x)
        assert_close(got, expected, func=f"activations.sigmoid({x})", rtol=1e-9, hint=SIGMOID_HINT,
                     likely=sigmoid_mistakes(x))


# -- relu (000:207, 001:1609) ----------------------------------------------------------------

def test_relu_values(submission):
    x = np.array([[-5.0, -0.5, 0.0], [0.5, 2.0, 1e6]])
    for value in (x, np.array(-4.0), np.array(2.5)):
        expected = np.maximum(0, value)
        got = submission.activations.relu(value.copy() if value.ndim else float(value))
        assert_close(got, expected, func=f"activations.relu({value.tolist()})", hint=RELU_HINT)


def test_relu_leaves_input_unchanged(submission):
    x0 = np.array([-1.0, 2.0, -3.0])
    expected = np.maximum(0, x0)
    called = submission.call_and_read_args(submission.activations.relu, x0.copy())
    assert_close(called.value, expected, func="activations.relu([-1, 2, -3])", hint=RELU_HINT)
    assert_close(called.args[0], x0, func="activations.relu([-1, 2, -3]): 入力 / the input array",
                 came_back="input", hint=("入力の配列を書き換えないでください(x[x < 0] = 0 は書き換えです)",
                                          "do not modify the input array (x[x < 0] = 0 does)"),
                 likely=[likely(expected, "入力の配列が ReLU の結果に書き換えられています",
                                "your input array was overwritten with the ReLU of it")])


# -- identity_function (001:1670-1683) --------------------------------------------------------

def test_identity_function(submission):
    x = np.array([[1.0, -2.5], [0.0, 7.0]])
    expected = x.copy()
    assert_close(submission.activations.identity_function(x.copy()), expected, func="activations.identity_function")


# -- softmax (001:1690-1705; book 3.5) ----------------------------------------------------------

@pytest.mark.parametrize("x", [[0.3, 2.9, 4.0], [-1.0, 0.0, 1.0, 2.0], [5.0]])
def test_softmax_one_sample(submission, x):
    x = np.array(x)
    expected = _ref_softmax(x)
    assert_close(submission.activations.softmax(x.copy()), expected, func=f"activations.softmax({x.tolist()})",
                 rtol=1e-9, hint=SOFTMAX_HINT, likely=softmax_mistakes(x))


def test_softmax_stable_for_large_inputs(submission):
    for x in (np.array([1010.0, 1000.0, 990.0]),                # book 3.5.2
              np.array([-1200.0, -1201.5, -1199.0]),            # all very negative: exp underflows to 0
              np.array([[800.0, 790.5, 801.0], [-900.0, -905.0, -899.0]])):
        expected = _ref_softmax(x)
        got = np.asarray(submission.activations.softmax(x.copy()), dtype=np.float64)
        assert_that(bool(np.all(np.isfinite(got))), func=f"activations.softmax({x.tolist()})",
                    problem=("nan か inf が出ました(桁あふれ)", "got nan or inf (overflow)"), expected=expected,
                    got=got, hint=SOFTMAX_HINT, likely=softmax_mistakes(x))
        assert_close(got, expected, rtol=1e-9, func=f"activations.softmax({x.tolist()})",
                     hint=SOFTMAX_HINT, likely=softmax_mistakes(x))


def test_softmax_batch_rows(submission):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 6)) * 5
    expected = _ref_softmax(x)
    got = np.asarray(submission.activations.softmax(x.copy()), dtype=np.float64)
    assert_close(got, expected, rtol=1e-9, func="activations.softmax(batch of shape (4, 6))", hint=ROWS_HINT,
                 likely=softmax_mistakes(x))
    assert_close(got.sum(axis=1), np.ones(4), rtol=1e-12, func="activations.softmax row sums", hint=ROWS_HINT)


def test_softmax_batch_rows_far_apart(submission):
    # Rows hundreds apart: one maximum for the whole batch leaves the lower rows as 0 / 0.
    x = np.array([[-700.0, -702.0, -699.5], [0.5, -0.5, 1.5], [650.0, 640.0, 655.0]])
    expected = _ref_softmax(x)
    got = np.asarray(submission.activations.softmax(x.copy()), dtype=np.float64)
    assert_close(got, expected, rtol=1e-9, func="activations.softmax(rows far apart, shape (3, 3))", hint=ROWS_HINT,
                 likely=softmax_mistakes(x))
