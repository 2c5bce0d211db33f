"""Hidden suite: losses (sum_squared_error, mean_squared_error, cross_entropy_error)."""
import numpy as np

from autograder.checks import assert_close, assert_that

Y = np.array([13.5, 20.1, 0.7])
T = np.array([12.1, 22.8, 0.3])
# 教科書 4.2.1 / 4.2.2 の 10 クラスの例 / the book's 10-class examples
Y10 = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y10_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
T10 = np.eye(10)[2]
DELTA = 1e-7

SSE_HINT = ("E = 1/2 Σ (y - t)^2。1/2 を忘れずに", "E = 1/2 Σ (y - t)^2; don't forget the 1/2")
MSE_HINT = ("全要素についての (y - t)^2 の平均(np.mean)。1/2 は付けません",
            "the mean of (y - t)^2 over all elements (np.mean), without a 1/2")
CEE_HINT = ("E = -Σ t log(y + delta)、delta = 1e-7。バッチならサンプル数 N で割ります",
            "E = -Σ t log(y + delta) with delta = 1e-7; divide by N for a batch")
LABEL_HINT = ("t がラベルなら y[np.arange(N), t] で正解クラスの確率を取り出せます(教科書 4.2.4)",
              "for labels, y[np.arange(N), t] picks each sample's probability of its label (book 4.2.4)")
FLOAT_HINT = ("float を 1 つ返してください(配列ではなく)", "return one float (not an array)")


def _is_float(value) -> bool:
    return isinstance(value, (float, np.floating))


def _ref_cee(y, labels):
    y = np.atleast_2d(y)
    labels = np.atleast_1d(labels)
    return float(-np.mean(np.log(y[np.arange(len(labels)), labels] + DELTA)))


def _probabilities(rng, n, k):
    """Softmax rows mixed with the uniform distribution: every entry >= 0.1 / k, so that
    log(y + 1e-7) and other small-value guards (np.clip(y, 1e-7, 1)) agree within 1e-5."""
    a = rng.normal(size=(n, k)) * 2
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return 0.9 * e / e.sum(axis=1, keepdims=True) + 0.1 / k


# -- sum_squared_error ---------------------------------------------------------------

def test_sse_course_example(submission):
    got = submission.losses.sum_squared_error(Y, T)
    assert_close(got, 4.705, rtol=1e-9, func="losses.sum_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=SSE_HINT)


def test_sse_book_examples(submission):
    got = submission.losses.sum_squared_error(Y10, T10)
    assert_close(got, 0.0975, rtol=1e-9, func="losses.sum_squared_error (book: 0.6 on the label)", hint=SSE_HINT)
    got = submission.losses.sum_squared_error(Y10_WRONG, T10)
    assert_close(got, 0.5975, rtol=1e-9, func="losses.sum_squared_error (book: 0.6 on class 7)", hint=SSE_HINT)


def test_sse_properties(submission):
    rng = np.random.default_rng(20)
    y, t = rng.normal(size=8) * 100, rng.normal(size=8) * 100
    sse = submission.losses.sum_squared_error
    assert_close(sse(y, t), 0.5 * np.sum((y - t) ** 2), rtol=1e-12, func="losses.sum_squared_error (random, ±100)",
                 hint=SSE_HINT)
    assert_close(sse(y, t), sse(t, y), rtol=1e-12, func="losses.sum_squared_error(y, t) と / vs (t, y)",
                 hint=("(y - t)^2 は対称です", "(y - t)^2 is symmetric"))
    assert_close(sse(y, y), 0.0, atol=0, func="losses.sum_squared_error(y, y)",
                 hint=("y == t なら 0", "0 when y == t"))


def test_sse_returns_float(submission):
    got = submission.losses.sum_squared_error(Y, T)
    assert_that(_is_float(got), func="losses.sum_squared_error", problem=FLOAT_HINT, expected=4.705, got=got)


# -- mean_squared_error ---------------------------------------------------------------

def test_mse_course_example(submission):
    got = submission.losses.mean_squared_error(Y, T)
    assert_close(got, 9.41 / 3, rtol=1e-9, func="losses.mean_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=MSE_HINT)


def test_mse_batch(submission):
    rng = np.random.default_rng(21)
    y, t = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    got = submission.losses.mean_squared_error(y, t)
    assert_close(got, np.mean((y - t) ** 2), rtol=1e-12, func="losses.mean_squared_error(batch (5, 3))",
                 hint=("バッチでも全要素 (N×K 個) の平均です", "for a batch it is the mean over all N×K elements"))


def test_mse_is_twice_sse_over_n(submission):
    rng = np.random.default_rng(22)
    y, t = rng.normal(size=6), rng.normal(size=6)
    losses = submission.losses
    assert_close(losses.mean_squared_error(y, t), 2 * losses.sum_squared_error(y, t) / 6, rtol=1e-12,
                 func="losses.mean_squared_error vs 2 × sum_squared_error / n", hint=MSE_HINT)


def test_mse_returns_float(submission):
    got = submission.losses.mean_squared_error(Y, T)
    assert_that(_is_float(got), func="losses.mean_squared_error", problem=FLOAT_HINT, expected=9.41 / 3, got=got)


# -- cross_entropy_error ---------------------------------------------------------------

def test_cee_course_example(submission):
    got = submission.losses.cross_entropy_error(Y10, T10)
    assert_close(got, 0.510825457099338, rtol=1e-6, func="losses.cross_entropy_error (p = 0.6 on the label)",
                 hint=CEE_HINT)
    got = submission.losses.cross_entropy_error(Y10_WRONG, T10)
    assert_close(got, 2.302584092994546, rtol=1e-6, func="losses.cross_entropy_error (p = 0.1 on the label)",
                 hint=CEE_HINT)


def test_cee_label_target_one_sample(submission):
    got = submission.losses.cross_entropy_error(Y10, 2)
    assert_close(got, 0.510825457099338, rtol=1e-6, func="losses.cross_entropy_error(y, t=2) (label)",
                 hint=LABEL_HINT)
    got = submission.losses.cross_entropy_error(Y10, 7)
    assert_close(got, -np.log(0.1 + DELTA), rtol=1e-6, func="losses.cross_entropy_error(y, t=7) (label)",
                 hint=LABEL_HINT)


def test_cee_batch_one_hot_mean(submission):
    rng = np.random.default_rng(23)
    y = _probabilities(rng, 6, 4)
    labels = rng.integers(0, 4, size=6)
    expected = _ref_cee(y, labels)
    got = submission.losses.cross_entropy_error(y, np.eye(4)[labels])
    assert_close(got, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (6, 4), one-hot)",
                 hint=("バッチではサンプルごとの誤差の平均(合計を N で割る)",
                       "for a batch, the mean of the per-sample errors (the sum divided by N)"))


def test_cee_batch_labels_mean(submission):
    rng = np.random.default_rng(24)
    y = _probabilities(rng, 5, 10)
    labels = rng.integers(0, 10, size=5)
    expected = _ref_cee(y, labels)
    got = submission.losses.cross_entropy_error(y, labels)
    assert_close(got, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (5, 10), labels (5,))",
                 hint=LABEL_HINT)


def test_cee_one_hot_and_labels_agree(submission):
    rng = np.random.default_rng(25)
    y = _probabilities(rng, 8, 3)
    labels = rng.integers(0, 3, size=8)
    cee = submission.losses.cross_entropy_error
    assert_close(cee(y, labels), cee(y, np.eye(3)[labels]), rtol=1e-9,
                 func="losses.cross_entropy_error: ラベル / labels vs one-hot", hint=LABEL_HINT)


def test_cee_zero_probability_on_label_is_finite(submission):
    y = np.array([0.0, 0.3, 0.7])
    got = submission.losses.cross_entropy_error(y, np.array([1.0, 0.0, 0.0]))
    hint = ("log(0) = -inf。log の前に小さな delta = 1e-7 を足します", "log(0) is -inf: add a tiny delta = 1e-7 before the log")
    assert_that(_is_float(got) and bool(np.isfinite(got)), func="losses.cross_entropy_error (probability 0 on the label)",
                problem=("inf か nan になりました", "got inf or nan"), expected=-np.log(DELTA), got=got, hint=hint)
    assert_that(10.0 < float(got) < 50.0, func="losses.cross_entropy_error (probability 0 on the label)",
                problem=("確率 0 の正解には大きな誤差(-log(1e-7) ≈ 16.1)になるはずです",
                         "a zero probability on the label should give a large error (-log(1e-7) ≈ 16.1)"),
                expected=-np.log(DELTA), got=got, hint=hint)


def test_cee_zero_probabilities_elsewhere_no_nan(submission):
    got = submission.losses.cross_entropy_error(Y10, T10)          # y has zeros off the label
    assert_that(bool(np.isfinite(got)), func="losses.cross_entropy_error (zeros off the label)",
                problem=("nan になりました: 0 × log(0) = 0 × (-inf) = nan", "got nan: 0 × log(0) = 0 × (-inf) = nan"),
                expected=0.510825457099338, got=got,
                hint=("log の前に delta を足すと 0 × log(delta) = 0 になります",
                      "adding delta before the log makes 0 × log(delta) = 0"))
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]])
    expected = _ref_cee(y, np.array([1, 0]))
    got = submission.losses.cross_entropy_error(y, np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]))
    assert_close(got, expected, rtol=1e-6,
                 func="losses.cross_entropy_error(batch with zeros, one-hot)", hint=CEE_HINT)


def test_cee_leaves_inputs_unchanged(submission):
    rng = np.random.default_rng(26)
    y = _probabilities(rng, 4, 5)
    t = np.eye(5)[rng.integers(0, 5, size=4)]
    y0, t0 = y.copy(), t.copy()
    y, t = submission.call_and_read_args(submission.losses.cross_entropy_error, y, t).args
    hint = ("y と t を書き換えないでください(y += delta は元の配列を変えます)",
            "do not modify y or t (y += delta changes the caller's array)")
    assert_close(y, y0, rtol=0, func="losses.cross_entropy_error: y", hint=hint)
    assert_close(t, t0, rtol=0, func="losses.cross_entropy_error: t", hint=hint)


def test_cee_returns_float(submission):
    got = submission.losses.cross_entropy_error(_probabilities(np.random.default_rng(27), 3, 4), np.array([0, 1, 2]))
    assert_that(_is_float(got), func="losses.cross_entropy_error", problem=FLOAT_HINT, got=got)
