"""自己チェック: 損失関数 / Self-check: loss functions (授業 / course 001:1800-1870)."""
import numpy as np

from autograder.checks import assert_close, assert_that

# 授業の例 / the course's examples: 001:1821-1825 (4.705) and 001:1849-1853 (-log 0.6 = 0.51)
Y = np.array([13.5, 20.1, 0.7])
T = np.array([12.1, 22.8, 0.3])
Y10 = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
T10 = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=np.float64)
CEE_HINT = ("-Σ t log(y + delta)、delta = 1e-7(自然対数 np.log)。バッチはサンプル数 N で割ります",
            "-Σ t log(y + delta) with delta = 1e-7 (natural log, np.log); divide a batch by its N samples")


def test_sum_squared_error(submission):
    got = submission.losses.sum_squared_error(Y, T)
    assert_close(got, 4.705, rtol=1e-9, func="losses.sum_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))",
                 hint=("1/2 × Σ (y - t)^2 = 1/2 × (1.4^2 + 2.7^2 + 0.4^2)。1/2 を忘れずに",
                       "1/2 × Σ (y - t)^2 = 1/2 × (1.4^2 + 2.7^2 + 0.4^2); don't forget the 1/2"))


def test_mean_squared_error(submission):
    hint = ("L = 1/(2N) Σn Σk (y - t)^2 (001:1802)。N はサンプル数: 形 (K,) の y は 1 サンプルで N = 1",
            "L = 1/(2N) Σn Σk (y - t)^2 (001:1802); N counts samples: a y of shape (K,) is one sample, N = 1")
    got = submission.losses.mean_squared_error(Y, T)
    assert_close(got, 4.705, rtol=1e-9, func="losses.mean_squared_error((13.5,20.1,0.7), (12.1,22.8,0.3))", hint=hint)
    y = np.array([[0.2, 1.0, -0.5], [1.5, 0.0, 2.0]])
    t = np.array([[0.0, 1.0, 0.0], [1.0, 0.5, 1.0]])
    got = submission.losses.mean_squared_error(y, t)
    assert_close(got, 0.4475, rtol=1e-9, func="losses.mean_squared_error(batch (2, 3))", hint=hint)


def test_cross_entropy_error(submission):
    cee = submission.losses.cross_entropy_error
    assert_close(cee(Y10, T10), 0.510825457099338, rtol=1e-6, func="losses.cross_entropy_error(y, t) (one-hot, p = 0.6)",
                 hint=CEE_HINT)
    assert_close(cee(Y10, 2), 0.510825457099338, rtol=1e-6, func="losses.cross_entropy_error(y, t=2) (label)",
                 hint=("t がラベルなら y[t] が正解クラスの確率です", "for a label t, y[t] is its probability"))


def test_cross_entropy_error_batch(submission):
    y = np.array([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]])
    cee = submission.losses.cross_entropy_error
    for t, label in ((np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), "one-hot"), (np.array([0, 2]), "labels")):
        called = submission.call_and_read_args(cee, y, t)
        assert_close(called.value, 0.5249108908207827, rtol=1e-6,
                     func=f"losses.cross_entropy_error(batch (2, 3), {label})",
                     hint=("バッチでは 2 つの誤差の平均 (-log 0.7 - log 0.5) / 2。t はラベルでも one-hot でも",
                           "for a batch, the mean of the two errors (-log 0.7 - log 0.5) / 2; t may be labels or one-hot"))
        assert_close(called.args[0], y, rtol=0, func="losses.cross_entropy_error: y",
                     hint=("y を書き換えないでください(y += delta は元の配列を変えます)",
                           "do not modify y (y += delta changes the caller's array)"))


def test_cross_entropy_error_zero_probability(submission):
    got = submission.losses.cross_entropy_error(np.array([0.0, 0.4, 0.6]), np.array([1.0, 0.0, 0.0]))
    assert_that(isinstance(got, (float, np.floating)) and bool(np.isfinite(got)) and got > 10,
                func="losses.cross_entropy_error (probability 0 on the label)",
                problem=("確率 0 の正解には inf でなく大きな有限の誤差(約 16.1)", "a large finite error (about 16.1), not inf"),
                expected=-np.log(1e-7), got=got,
                hint=("log の前に delta = 1e-7 を足します", "add delta = 1e-7 before the log"))
