"""Hidden suite: losses (sum_squared_error, mean_squared_error, cross_entropy_error; the course 001:1800-1870).

mean_squared_error is the course's 1/(2N) Σn Σk (y - t)² with N the number of samples
(001:1800-1802, 1859): a y of shape (K,) is one sample. Every expected value is computed by
the judge before the student's code runs; the module-level arrays are read-only.
"""
import numpy as np

from autograder.checks import assert_close, assert_that, likely


def _frozen(values):
    array = np.array(values, dtype=np.float64)
    array.setflags(write=False)
    return array


# 001:1821-1825 (sum of squares 4.705) and 001:1849-1853 (cross entropy -log 0.6 = 0.51)
Y = _frozen([13.5, 20.1, 0.7])
T = _frozen([12.1, 22.8, 0.3])
Y10 = _frozen([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y10_WRONG = _frozen([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])      # book 4.2.1
T10 = _frozen(np.eye(10)[2])
# 002:79-80: height / weight, both centred, w = (2, -1): the course's first loss np.mean(yd ** 2) / 2 = 50.416
REGRESSION_YP = _frozen([[7.0], [-3.0], [2.0], [0.0], [4.0]])
REGRESSION_YT = _frozen([[-6.7], [10.3], [-3.3], [5.0], [-5.3]])
DELTA = 1e-7

SSE_HINT = ("E = 1/2 Σ (y - t)^2。1/2 を忘れずに。(Σ(y - t))^2 ではありません",
            "E = 1/2 Σ (y - t)^2; don't forget the 1/2; it is not (Σ(y - t))^2")
MSE_HINT = ("L = 1/(2N) Σn Σk (y - t)^2。N はサンプル数(1 サンプル (K,) なら N = 1)で、要素の数ではありません",
            "L = 1/(2N) Σn Σk (y - t)^2 with N the number of samples (N = 1 for one sample (K,)), "
            "not the number of elements")
CEE_HINT = ("E = -Σ t log(y + delta)、delta = 1e-7(自然対数 np.log)。バッチならサンプル数 N で割ります",
            "E = -Σ t log(y + delta) with delta = 1e-7 (natural log, np.log); divide by N for a batch")
LABEL_HINT = ("t がラベルなら y[np.arange(N), t] で正解クラスの確率を取り出せます(教科書 4.2.4)",
              "for labels, y[np.arange(N), t] picks each sample's probability of its label (book 4.2.4)")
FLOAT_HINT = ("float を 1 つ返してください(配列ではなく)", "return one float (not an array)")


def _is_float(value) -> bool:
    return isinstance(value, (float, np.floating))


def _ref_sse(y, t):
    return float(0.5 * np.sum((np.asarray(y) - np.asarray(t)) ** 2))


def _ref_mse(y, t):
    y, t = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    n = y.shape[0] if y.ndim == 2 else 1
    return float(np.sum((y - t) ** 2) / (2 * n))


def _ref_cee(y, labels):
    y = np.atleast_2d(y)
    labels = np.atleast_1d(labels)
    return float(-np.mean(np.log(y[np.arange(len(labels)), labels] + DELTA)))


# -- what known mistakes give, named when a student's value is one of them ----------------------
def _try(compute):
    """A mistake's value, or None where that mistake would not even run on these inputs."""
    try:
        with np.errstate(all="ignore"):
            return compute()
    except (IndexError, ValueError):
        return None


def _mistakes(*entries):
    return [likely(value, ja, en) for value, ja, en in entries if value is not None]


def sse_mistakes(y, t):
    d = np.asarray(y, dtype=np.float64) - np.asarray(t, dtype=np.float64)
    return _mistakes((0.5 * np.sum(d) ** 2, "(Σ(y - t))² / 2 の値です: 和の 2 乗でなく、2 乗の和 Σ(y - t)² を",
                      "this is (Σ(y - t))² / 2, the square of the sum; take the sum of squares Σ(y - t)²"),
                     (np.sum(d ** 2), "1/2 を掛けていない値です(ちょうど 2 倍)", "this is without the factor 1/2 (exactly twice)"))


def mse_mistakes(y, t):
    y, t = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    squares = (y - t) ** 2
    return _mistakes(
        (0.5 * np.sum(squares), "サンプル数 N で割っていない値です(サンプルごとの誤差の合計): L = 1/(2N) Σn Σk (y - t)²",
         "this is not divided by the N samples (the per-sample errors summed): L = 1/(2N) Σn Σk (y - t)²"),
        (np.sum(squares) / len(y), "Σ(y - t)² を len(y) で割った値です: 1/2 がなく、1 サンプル (K,) では len(y) は要素数 K です",
         "this is Σ(y - t)² / len(y): no 1/2, and for one sample (K,) len(y) is the number of elements K"),
        (np.mean(squares) / 2, "全要素の数で割った値です(np.mean((y - t)²) / 2)。N はサンプル数で、要素の数ではありません",
         "this divides by every element (np.mean((y - t)²) / 2); N is the number of samples, not of elements"),
        (np.mean(squares), "全要素の (y - t)² の平均です(1/2 もなし)。講義の L = 1/(2N) Σn Σk (y - t)²",
         "this is the plain mean of (y - t)² over all elements (no 1/2 either); the course's L = 1/(2N) Σn Σk (y - t)²"))


def cee_mistakes(y, t):
    """Known mistakes of cross_entropy_error for probabilities ``y`` and targets ``t`` (one-hot or labels)."""
    y, t = np.asarray(y, dtype=np.float64), np.asarray(t)
    y2 = y.reshape(1, -1) if y.ndim == 1 else y
    one_hot = t.size == y.size
    labels = (t.reshape(1, -1) if t.ndim == 1 else t).argmax(axis=1) if one_hot else np.atleast_1d(t).reshape(-1)
    picked = y2[np.arange(len(y2)), labels]
    n, k = y2.shape
    return _mistakes(
        (-np.sum(np.log(picked + DELTA)) if n > 1 else None,
         "サンプルごとの誤差の合計です(平均ではなく): N で割ります", "this is the sum of the per-sample errors; divide by N"),
        (-np.mean(np.log10(picked + DELTA)), "常用対数 log10 の値です: 自然対数 np.log を使います(講義は log_e)",
         "this is log10; use the natural log, np.log (the course writes log_e)"),
        (-np.sum(np.log(picked + DELTA)) / (n * k), "N × K(全要素の数)で割った値です: サンプル数 N で割ります",
         "this divides by N × K (every element); divide by the N samples"),
        (-np.sum(np.log(picked + DELTA)) / k if y.ndim == 1 else None,
         "1 サンプル (K,) を K で割った値です: 1 サンプルは N = 1(y.reshape(1, y.size) にしてから)",
         "this divides one sample (K,) by K: one sample is N = 1 (reshape y to (1, y.size) first)"),
        (_try(lambda: -np.sum(np.log(y2[np.arange(n), t.reshape(n, -1).astype(int)] + DELTA)) / n) if one_hot else None,
         "one-hot の t をラベルとして使った値です: one-hot なら t.argmax(axis=1) でラベルに直します",
         "this uses the one-hot t as labels: turn a one-hot t into labels with t.argmax(axis=1)"),
        (_try(lambda: -np.sum(t * np.log(y + DELTA)) / n) if not one_hot else None,
         "ラベルの t を one-hot として掛けた値です: ラベルなら y[np.arange(N), t] で正解の確率を取り出します",
         "this multiplies by the label t as if it were one-hot; for labels, y[np.arange(N), t] picks the probabilities"))


def _probabilities(rng, n, k):
    """Softmax rows mixed with the uniform distribution: every entry >= 0.1 / k, so that
    log(y + 1e-7) and other small-value guards (np.clip(y, 1e-7, 1)) agree within 1e-5."""
    a = rng.normal(size=(n, k)) * 2
    e = np.exp(a - a.max(axis=1, keepdims=True))
    return 0.9 * e / e.sum(axis=1, keepdims=True) + 0.1 / k


# -- sum_squared_error (001:1814-1825) ---------------------------------------------------------

def test_sse_course_example(submission):
    expected = 4.705                                     # 1/2 × (1.4² + 2.7² + 0.4²), 001:1825
    got = submission.losses.sum_squared_error(Y, T)
    assert_close(got, expected, rtol=1e-9, func="losses.sum_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=SSE_HINT, likely=sse_mistakes(Y, T))


def test_sse_book_examples(submission):
    for y, expected, label in ((Y10, 0.0975, "0.6 on the label"), (Y10_WRONG, 0.5975, "0.6 on class 7")):
        got = submission.losses.sum_squared_error(y, T10)
        assert_close(got, expected, rtol=1e-9, func=f"losses.sum_squared_error (book: {label})", hint=SSE_HINT,
                     likely=sse_mistakes(y, T10))


def test_sse_properties(submission):
    rng = np.random.default_rng(20)
    y, t = rng.normal(size=8) * 100, rng.normal(size=8) * 100
    expected = _ref_sse(y, t)
    sse = submission.losses.sum_squared_error
    assert_close(sse(y, t), expected, rtol=1e-12, func="losses.sum_squared_error (random, ±100)", hint=SSE_HINT,
                 likely=sse_mistakes(y, t))
    assert_close(sse(t, y), expected, rtol=1e-12, func="losses.sum_squared_error(t, y) (swapped)",
                 hint=("(y - t)^2 は対称です", "(y - t)^2 is symmetric"))
    assert_close(sse(y, y), 0.0, atol=0, func="losses.sum_squared_error(y, y)", hint=("y == t なら 0", "0 when y == t"))


def test_sse_returns_float(submission):
    y, t = np.array([1.0, -2.0, 0.5, 3.0]), np.array([0.5, -1.0, 0.0, 1.0])
    expected = _ref_sse(y, t)
    got = submission.losses.sum_squared_error(y, t)
    assert_that(_is_float(got), func="losses.sum_squared_error", problem=FLOAT_HINT, expected=expected, got=got)
    assert_close(got, expected, rtol=1e-12, func="losses.sum_squared_error([1,-2,0.5,3], [0.5,-1,0,1])", hint=SSE_HINT,
                 likely=sse_mistakes(y, t))


# -- mean_squared_error (001:1800-1802, 1859) ------------------------------------------------------

def test_mse_course_example(submission):
    expected = 4.705                                     # one sample: N = 1, 001:1802 with 001:1825
    got = submission.losses.mean_squared_error(Y, T)
    assert_close(got, expected, rtol=1e-9, func="losses.mean_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=MSE_HINT, likely=mse_mistakes(Y, T))


def test_mse_course_regression_loss(submission):
    expected = 50.416                                    # 002:79-80, np.mean(yd ** 2) / 2 at iteration 0
    got = submission.losses.mean_squared_error(REGRESSION_YP, REGRESSION_YT)
    assert_close(got, expected, rtol=1e-9, func="losses.mean_squared_error(5 samples of 1 output, shape (5, 1))",
                 hint=MSE_HINT, likely=mse_mistakes(REGRESSION_YP, REGRESSION_YT))


def test_mse_batch(submission):
    rng = np.random.default_rng(21)
    y, t = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    expected = float(np.sum((y - t) ** 2) / (2 * 5))
    got = submission.losses.mean_squared_error(y, t)
    assert_close(got, expected, rtol=1e-12, func="losses.mean_squared_error(batch (5, 3))",
                 hint=("バッチ (N, K) では全要素の (y - t)^2 の和を 2N で割ります(N = 5、要素数 15 ではなく)",
                       "for a batch (N, K), divide the sum over all elements by 2N (N = 5, not the 15 elements)"),
                 likely=mse_mistakes(y, t))


def test_mse_is_mean_of_per_sample_sse(submission):
    rng = np.random.default_rng(22)
    y, t = rng.normal(size=(4, 6)) * 3, rng.normal(size=(4, 6)) * 3
    expected = float(np.mean([_ref_sse(yn, tn) for yn, tn in zip(y, t)]))
    got = submission.losses.mean_squared_error(y, t)
    assert_close(got, expected, rtol=1e-12, func="losses.mean_squared_error(batch (4, 6)) vs mean of per-sample SSE",
                 hint=MSE_HINT, likely=mse_mistakes(y, t))


def test_mse_one_sample_row_and_vector_agree(submission):
    rng = np.random.default_rng(23)
    y, t = rng.normal(size=7), rng.normal(size=7)
    expected = _ref_sse(y, t)
    mse = submission.losses.mean_squared_error
    assert_close(mse(y, t), expected, rtol=1e-12, func="losses.mean_squared_error(one sample (7,))", hint=MSE_HINT,
                 likely=mse_mistakes(y, t))
    assert_close(mse(y.reshape(1, 7), t.reshape(1, 7)), expected, rtol=1e-12,
                 func="losses.mean_squared_error(batch of one sample (1, 7))", hint=MSE_HINT,
                 likely=mse_mistakes(y.reshape(1, 7), t.reshape(1, 7)))


def test_mse_returns_float(submission):
    y, t = np.array([[0.5, 1.5], [2.0, -1.0]]), np.array([[0.0, 1.0], [1.0, 1.0]])
    expected = _ref_mse(y, t)
    got = submission.losses.mean_squared_error(y, t)
    assert_that(_is_float(got), func="losses.mean_squared_error", problem=FLOAT_HINT, expected=expected, got=got)
    assert_close(got, expected, rtol=1e-12, func="losses.mean_squared_error(batch (2, 2))", hint=MSE_HINT,
                 likely=mse_mistakes(y, t))


# -- cross_entropy_error (001:1804, 1833-1861; 000:797-806) -----------------------------------------

def test_cee_course_example(submission):
    expected, expected_wrong = _ref_cee(Y10, 2), _ref_cee(Y10_WRONG, 2)     # -log 0.6 ≈ 0.51, -log 0.1 ≈ 2.30
    got = submission.losses.cross_entropy_error(Y10, T10)
    assert_close(got, expected, rtol=1e-6, func="losses.cross_entropy_error (p = 0.6 on the label)", hint=CEE_HINT,
                 likely=cee_mistakes(Y10, T10))
    got = submission.losses.cross_entropy_error(Y10_WRONG, T10)
    assert_close(got, expected_wrong, rtol=1e-6, func="losses.cross_entropy_error (p = 0.1 on the label)",
                 hint=CEE_HINT, likely=cee_mistakes(Y10_WRONG, T10))


def test_cee_label_target_one_sample(submission):
    for label in (2, 7):
        expected = _ref_cee(Y10, label)
        got = submission.losses.cross_entropy_error(Y10, label)
        assert_close(got, expected, rtol=1e-6, func=f"losses.cross_entropy_error(y, t={label}) (label)",
                     hint=LABEL_HINT, likely=cee_mistakes(Y10, label))


def test_cee_batch_one_hot_mean(submission):
    rng = np.random.default_rng(23)
    y = _probabilities(rng, 6, 4)
    labels = rng.integers(0, 4, size=6)
    expected = _ref_cee(y, labels)
    got = submission.losses.cross_entropy_error(y, np.eye(4)[labels])
    assert_close(got, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (6, 4), one-hot)",
                 hint=("バッチではサンプルごとの誤差の平均(合計を N で割る。要素数 N×K ではなく)",
                       "for a batch, the mean of the per-sample errors (the sum divided by N, not by N×K)"),
                 likely=cee_mistakes(y, np.eye(4)[labels]))


def test_cee_batch_of_100_labels_mean(submission):
    # 000:797-806: 100 images, -log of each label's probability, averaged
    rng = np.random.default_rng(24)
    y = _probabilities(rng, 100, 10)
    labels = rng.integers(0, 10, size=100)
    expected = _ref_cee(y, labels)
    got = submission.losses.cross_entropy_error(y, labels)
    assert_close(got, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (100, 10), labels (100,))",
                 hint=LABEL_HINT, likely=cee_mistakes(y, labels))


def test_cee_one_hot_and_labels_agree(submission):
    rng = np.random.default_rng(25)
    y = _probabilities(rng, 8, 3)
    labels = rng.integers(0, 3, size=8)
    expected = _ref_cee(y, labels)
    cee = submission.losses.cross_entropy_error
    from_labels, from_one_hot = cee(y, labels), cee(y, np.eye(3)[labels])
    assert_close(from_labels, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (8, 3), labels)",
                 hint=LABEL_HINT, likely=cee_mistakes(y, labels))
    assert_close(from_one_hot, from_labels, rtol=1e-9,
                 func="losses.cross_entropy_error: ラベル / labels vs one-hot", hint=LABEL_HINT)


def test_cee_zero_probability_on_label_is_finite(submission):
    y = np.array([0.0, 0.3, 0.7])
    expected = -np.log(DELTA)
    got = submission.losses.cross_entropy_error(y, np.array([1.0, 0.0, 0.0]))
    hint = ("log(0) = -inf。log の前に小さな delta = 1e-7 を足します", "log(0) is -inf: add a tiny delta = 1e-7 before the log")
    assert_that(_is_float(got) and bool(np.isfinite(got)), func="losses.cross_entropy_error (probability 0 on the label)",
                problem=("inf か nan になりました", "got inf or nan"), expected=expected, got=got, hint=hint,
                likely=[likely(lambda got: not np.isfinite(got), "log(0) を計算しています: delta を足していません",
                               "this takes log(0): no delta was added")])
    assert_that(10.0 < float(got) < 50.0, func="losses.cross_entropy_error (probability 0 on the label)",
                problem=("確率 0 の正解には大きな誤差(-log(1e-7) ≈ 16.1)になるはずです",
                         "a zero probability on the label should give a large error (-log(1e-7) ≈ 16.1)"),
                expected=expected, got=got, hint=hint)


def test_cee_zero_probabilities_elsewhere_no_nan(submission):
    expected = _ref_cee(Y10, 2)
    got = submission.losses.cross_entropy_error(Y10, T10)          # y has zeros off the label
    assert_that(bool(np.isfinite(got)), func="losses.cross_entropy_error (zeros off the label)",
                problem=("nan になりました: 0 × log(0) = 0 × (-inf) = nan", "got nan: 0 × log(0) = 0 × (-inf) = nan"),
                expected=expected, got=got,
                hint=("log の前に delta を足すと 0 × log(delta) = 0 になります",
                      "adding delta before the log makes 0 × log(delta) = 0"))
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]])
    expected = _ref_cee(y, np.array([1, 0]))
    got = submission.losses.cross_entropy_error(y, np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]))
    assert_close(got, expected, rtol=1e-6,
                 func="losses.cross_entropy_error(batch with zeros, one-hot)", hint=CEE_HINT,
                 likely=cee_mistakes(y, np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])))


def test_cee_leaves_inputs_unchanged(submission):
    rng = np.random.default_rng(26)
    y0 = _probabilities(rng, 4, 5)
    labels = rng.integers(0, 5, size=4)
    t0 = np.eye(5)[labels]
    expected = _ref_cee(y0, labels)
    called = submission.call_and_read_args(submission.losses.cross_entropy_error, y0.copy(), t0.copy())
    y, t = called.args
    hint = ("y と t を書き換えないでください(y += delta は元の配列を変えます)",
            "do not modify y or t (y += delta changes the caller's array)")
    assert_close(called.value, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (4, 5), one-hot)",
                 hint=CEE_HINT, likely=cee_mistakes(y0, t0))
    assert_close(y, y0, rtol=0, func="losses.cross_entropy_error(batch (4, 5), one-hot): y", hint=hint,
                 came_back="input", likely=[likely(y0 + DELTA, "y に delta が足されています(y += delta は呼び出し元の配列を書き換えます)",
                                                   "delta was added to your y (y += delta writes into the caller's array)")])
    assert_close(t, t0, rtol=0, func="losses.cross_entropy_error(batch (4, 5), one-hot): t", hint=hint,
                 came_back="input")


def test_cee_returns_float(submission):
    y = _probabilities(np.random.default_rng(27), 3, 4)
    labels = np.array([0, 1, 2])
    expected = _ref_cee(y, labels)
    got = submission.losses.cross_entropy_error(y, labels)
    assert_that(_is_float(got), func="losses.cross_entropy_error", problem=FLOAT_HINT, expected=expected, got=got)
    assert_close(got, expected, rtol=1e-6, atol=1e-5, func="losses.cross_entropy_error(batch (3, 4), labels)",
                 hint=LABEL_HINT, likely=cee_mistakes(y, labels))
