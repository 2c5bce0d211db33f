"""Hidden suite: least squares (closed form, torch autograd descent, NumPy descent).

Lecture 001:2742-2800 (D = {(1,2), (2,3), (3,5)}: a = 3/2, b = 1/3; the torch loop of 500 epochs,
lr 0.01, printing a ≈ 1.49677, b ≈ 0.34067, loss ≈ 0.16669) and 002:67-81 (the height/weight
regression with a dummy column: iter 0 L = 50.416, w = (1.98, -0.6728); iter 199 L = 2.306147,
w = (0.267959, 1.820690)). The lecture's loop runs in float32 (tensors made from Python
floats): the tolerances below admit it.

The course's conventions, checked here: fit_line_gd starts at a = b = 0 and minimises the
sum of squared errors, returning the loss computed in the last epoch; linear_regression_gd
uses L = mean((x@w - yt)²)/2 computed before each update, gradient x.T@(x@w - yt)/M, and
records (k, L, w0, w1) with w after the update. Judge-side references follow them. Where
the loss of fit_line_gd is not yet converged, the loss at the final (a, b) is accepted too.
Expected values are computed before the submission is called; module-level data are
read-only.
"""
import numpy as np
import pytest
import torch

from autograder.checks import assert_close, assert_shape, assert_that, likely

def read_only(values):
    array = np.array(values, dtype=np.float64)
    array.setflags(write=False)
    return array


XS, YS = (1.0, 2.0, 3.0), (2.0, 3.0, 5.0)
HEIGHT_WEIGHT = read_only([[166, 58.7], [176, 75.7], [171, 62.1], [173, 70.4], [169, 60.1]])
CLOSED_HINT = ("a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²、b = ȳ - a·x̄", "a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)², b = ȳ - a·x̄")
GD_HINT = ("a = b = 0 から。損失は二乗和(平均ではない)。毎エポック勾配を 0 に戻し、引数の lr と epochs を使う",
           "start from a = b = 0; the loss is the sum of squares (not the mean); reset the gradient every "
           "epoch; use the lr and epochs given")
REG_HINT = ("L = mean((yp - yt)²) / 2 は更新前の w で計算し、w ← w - alpha·x.T@(yp - yt)/M、行は (k, L, 更新後の w0, w1)",
            "L = mean((yp - yt)²)/2 with w before the update; w ← w - alpha·x.T@(yp - yt)/M; "
            "rows are (k, L, w0, w1 after the update)")


def height_weight():
    height, weight = HEIGHT_WEIGHT[:, 0], HEIGHT_WEIGHT[:, 1]
    x = np.stack([np.ones(5), height - height.mean()], axis=1)
    return x, weight - weight.mean()


def reference_gd(xs, ys, lr, epochs):
    """(a, b, the last epoch's loss, the loss at the final (a, b))."""
    a = b = 0.0
    loss = 0.0
    x, y = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    for _ in range(epochs):
        r = a * x + b - y
        loss = float(np.sum(r ** 2))
        a, b = a - lr * float(np.sum(2 * r * x)), b - lr * float(np.sum(2 * r))
    return a, b, loss, float(np.sum((a * x + b - y) ** 2))


def reference_regression(x, yt, w, alpha, iters):
    w = np.array(w, dtype=np.float64)
    rows = []
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        w = w - alpha * x.T @ yd / len(x)
        rows.append((k, loss, w[0], w[1]))
    return w, np.array(rows)


# -- what known mistakes give, named when a student's value is one of them ----------------------
def _gd_variant(xs, ys, lr, epochs, *, mean=False, accumulate=False):
    """fit_line_gd with the mean of squared errors as the loss, or gradients never reset."""
    x, y = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    a = b = ga = gb = 0.0
    scale = 1 / len(x) if mean else 1.0
    for _ in range(epochs):
        r = a * x + b - y
        da, db = scale * float(np.sum(2 * r * x)), scale * float(np.sum(2 * r))
        ga, gb = (ga + da, gb + db) if accumulate else (da, db)
        a, b = a - lr * ga, b - lr * gb
    return [a, b]


def gd_mistakes(xs, ys, lr=0.01, epochs=500):
    return [likely(_gd_variant(xs, ys, lr, epochs, mean=True),
                   "二乗誤差の平均を損失にした値です。講義の損失は二乗和です(平均ではない)",
                   "this minimises the mean of squared errors; the course's loss is their sum (not the mean)"),
            likely(_gd_variant(xs, ys, lr, epochs, accumulate=True),
                   "勾配を 0 に戻していない値です(.grad は backward のたびに足し込まれます)。毎エポック zero_grad() を",
                   "this is what accumulated gradients give (.grad adds up with every backward): reset them every "
                   "epoch (optimizer.zero_grad())")]


def _regression_variant(x, yt, w, alpha, iters, *, averaged=True, w_after=True, loss_before=True):
    w = np.array(w, dtype=np.float64)
    rows = []
    for k in range(iters):
        yd = x @ w - yt
        loss = np.mean(yd ** 2) / 2
        new = w - alpha * x.T @ yd / (len(x) if averaged else 1)
        if not loss_before:
            loss = np.mean((x @ new - yt) ** 2) / 2
        shown = new if w_after else w
        rows.append((k, loss, shown[0], shown[1]))
        w = new
    return w, np.array(rows)


REGRESSION_MISTAKES = [
    (dict(averaged=False), "勾配をデータ数 M で割っていない値です: 勾配は x.T@(yp - yt)/M",
     "the gradient is not divided by the number of points M: it is x.T@(yp - yt)/M"),
    (dict(w_after=False), "history に更新前の w を記録した値です。行の w0, w1 は更新後の w です",
     "this records w before the update; a row holds w0, w1 after it"),
    (dict(loss_before=False), "更新後の w で計算した損失です。L は更新前の w で計算します",
     "this is the loss of the updated w; L is computed with w before the update"),
]


def regression_mistakes(x, yt, w, alpha, iters, part=lambda w, history: history):
    """Known mistakes of linear_regression_gd; ``part`` picks what the check compares."""
    return [likely(part(*_regression_variant(x, yt, w, alpha, iters, **change)), ja, en)
            for change, ja, en in REGRESSION_MISTAKES]


def noisy_line(seed, n=20):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=n)
    return x, 0.7 * x - 1.2 + rng.normal(0, 0.3, size=n)


def fit_line_mistakes(xs, ys):
    x, y = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    a = float(np.sum(x * y) / np.sum(x ** 2))
    return [likely([a, y.mean() - a * x.mean()],
                   "平均を引かずに求めた傾き a = Σxy / Σx² です。a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²",
                   "this slope is Σxy / Σx², without centring: a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)²")]


def test_fit_line_course_values(submission):
    a, b = submission.least_squares.fit_line(list(XS), list(YS))
    assert_close([a, b], [1.5, 1 / 3], func="least_squares.fit_line([1,2,3], [2,3,5])", rtol=1e-9, hint=CLOSED_HINT,
                 likely=fit_line_mistakes(XS, YS))


@pytest.mark.parametrize("seed", [5, 6])
def test_fit_line_matches_polyfit(submission, seed):
    x, y = noisy_line(seed)
    x = x + 10.0   # a mean far from 0: the intercept must be ȳ - a·x̄, not ȳ
    expected = np.polyfit(x, y, 1)
    got = submission.least_squares.fit_line(x, y)
    assert_close(got, expected, func=f"least_squares.fit_line (20 noisy points, seed {seed})", rtol=1e-8,
                 hint=CLOSED_HINT, likely=fit_line_mistakes(x, y))


def test_fit_line_exact_line_and_arrays_unchanged(submission):
    x = np.array([-1.0, 0.5, 2.0, 4.0])
    y = -2.5 * x + 7.0
    x_before, y_before = x.copy(), y.copy()
    called = submission.call_and_read_args(submission.least_squares.fit_line, x, y)
    got, (x_after, y_after) = called.value, called.args
    assert_close(got, [-2.5, 7.0], func="least_squares.fit_line (points on y = -2.5x + 7)", rtol=1e-9,
                 hint=CLOSED_HINT)
    assert_close(x_after, x_before, func="least_squares.fit_line: xs afterwards", came_back="input",
                 hint=("入力を書き換えないこと", "leave the inputs alone"))
    assert_close(y_after, y_before, func="least_squares.fit_line: ys afterwards", came_back="input",
                 hint=("入力を書き換えないこと", "leave the inputs alone"))


def test_fit_line_gd_course_values(submission):
    got = submission.least_squares.fit_line_gd(list(XS), list(YS))
    assert_close(got, [1.49677, 0.34067, 0.16669], func="least_squares.fit_line_gd(D) (lr=0.01, 500 epochs)",
                 atol=2e-5, hint=GD_HINT,
                 likely=[likely(lambda got, m=m: np.allclose(np.asarray(got, dtype=np.float64)[:2], m.when, rtol=1e-4,
                                                             atol=1e-6), *m.cause) for m in gd_mistakes(XS, YS)])


def test_fit_line_gd_returns_floats(submission):
    # The type pays only together with the right numbers (5 epochs from a = b = 0).
    a_ref, b_ref, loss_ref, loss_after = reference_gd(XS, YS, 0.01, 5)
    got = submission.least_squares.fit_line_gd(list(XS), list(YS), lr=0.01, epochs=5)
    ok = isinstance(got, (tuple, list)) and len(got) == 3 and all(isinstance(v, float) for v in got)
    assert_that(ok, func="least_squares.fit_line_gd", got=got, expected="(float, float, float)",
                problem=("(a, b, loss) を Python の float で返してください", "return (a, b, loss) as Python floats"),
                hint=(".item() でテンソルを float に", ".item() turns a tensor into a float"),
                likely=[likely(lambda got: any(isinstance(v, np.ndarray) for v in got),
                               "テンソルのまま返しています(テンソルは NumPy 配列として届きます)。.item() で float に",
                               "tensors came back (they arrive as NumPy arrays), not floats: use .item()")])
    assert_close(got[:2], [a_ref, b_ref], func="least_squares.fit_line_gd(D, lr=0.01, epochs=5) (a, b)", rtol=1e-4,
                 atol=1e-6, hint=GD_HINT, likely=gd_mistakes(XS, YS, 0.01, 5))
    assert_that(any(np.isclose(got[2], v, rtol=1e-4) for v in (loss_ref, loss_after)),
                func="least_squares.fit_line_gd(D, lr=0.01, epochs=5) loss", got=got[2], expected=loss_ref,
                problem=("loss が違います(二乗和、平均ではない)", "wrong loss (a sum of squares, not a mean)"), hint=GD_HINT)


@pytest.mark.parametrize("lr,epochs", [(0.005, 40), (0.02, 7), (0.001, 300)])
def test_fit_line_gd_follows_lr_and_epochs(submission, lr, epochs):
    x, y = noisy_line(7, n=8)
    a_ref, b_ref, loss_ref, loss_after = reference_gd(x, y, lr, epochs)
    got = submission.least_squares.fit_line_gd(x, y, lr=lr, epochs=epochs)
    where = f"least_squares.fit_line_gd(8 points, lr={lr}, epochs={epochs})"
    assert_close(got[:2], [a_ref, b_ref], func=where + " (a, b)", rtol=1e-4, atol=1e-6, hint=GD_HINT,
                 likely=gd_mistakes(x, y, lr, epochs))
    # the last epoch's loss (the convention) or the loss at the final (a, b): both are fine
    assert_that(any(np.isclose(got[2], v, rtol=1e-4) for v in (loss_ref, loss_after)), func=where + " loss", got=got[2],
                expected=loss_ref, problem=("loss が違います(二乗和、平均ではない)", "wrong loss (a sum of squares, not a mean)"),
                hint=GD_HINT)


def test_fit_line_gd_converges_to_closed_form(submission):
    x, y = noisy_line(8, n=10)
    expected = np.polyfit(x, y, 1)
    a, b, _ = submission.least_squares.fit_line_gd(x, y, lr=0.01, epochs=2000)
    assert_close([a, b], expected, func="least_squares.fit_line_gd(10 points, 2000 epochs)",
                 rtol=1e-4, atol=1e-6, hint=GD_HINT, likely=gd_mistakes(x, y, 0.01, 2000))


def test_linear_regression_course_values(submission):
    x, yt = height_weight()
    w, history = submission.least_squares.linear_regression_gd(x, yt, np.array([2.0, -1.0]), alpha=0.01, iters=200)
    history = np.asarray(history, dtype=np.float64)
    assert_shape(history, (200, 4), func="linear_regression_gd: history",
                 hint=("1 反復につき 1 行 (k, L, w0, w1)", "one row (k, L, w0, w1) per iteration"))
    assert_close(history[0], [0, 50.416, 1.98, -0.6728], func="linear_regression_gd: history[0]", rtol=1e-9,
                 atol=1e-12, hint=REG_HINT,
                 likely=regression_mistakes(x, yt, [2.0, -1.0], 0.01, 200, lambda w, h: h[0]))
    assert_close(history[-1], [199, 2.306147, 0.267959, 1.820690], func="linear_regression_gd: history[-1]",
                 atol=1e-6, rtol=0, hint=REG_HINT,
                 likely=regression_mistakes(x, yt, [2.0, -1.0], 0.01, 200, lambda w, h: h[-1]))
    assert_close(w, [0.267959, 1.820690], func="linear_regression_gd: w", atol=1e-6, rtol=0, hint=REG_HINT,
                 likely=regression_mistakes(x, yt, [2.0, -1.0], 0.01, 200, lambda w, h: w))


def test_linear_regression_whole_history(submission):
    x, yt = height_weight()
    _, expected = reference_regression(x, yt, [2.0, -1.0], 0.01, 200)
    _, history = submission.least_squares.linear_regression_gd(x, yt, np.array([2.0, -1.0]))  # the defaults
    assert_close(history, expected, func="linear_regression_gd: history (defaults)", rtol=1e-9, atol=1e-12,
                 hint=REG_HINT, likely=regression_mistakes(x, yt, [2.0, -1.0], 0.01, 200))


@pytest.mark.parametrize("alpha,iters", [(0.002, 30), (0.03, 15)])
def test_linear_regression_other_data(submission, alpha, iters):
    rng = np.random.default_rng(9)
    m = 12
    x = np.stack([np.ones(m), rng.normal(0, 3, size=m)], axis=1)
    yt = 1.5 * x[:, 1] - 0.5 + rng.normal(0, 0.5, size=m)
    w0 = np.array([0.3, 0.1])
    exp_w, exp_hist = reference_regression(x, yt, w0, alpha, iters)
    w, history = submission.least_squares.linear_regression_gd(x, yt, w0.copy(), alpha=alpha, iters=iters)
    where = f"linear_regression_gd(12 points, alpha={alpha}, iters={iters})"
    assert_close(history, exp_hist, func=where + ": history", rtol=1e-9, atol=1e-12, hint=REG_HINT,
                 likely=regression_mistakes(x, yt, w0, alpha, iters))
    assert_close(w, exp_w, func=where + ": w", rtol=1e-9, hint=REG_HINT,
                 likely=regression_mistakes(x, yt, w0, alpha, iters, lambda w, h: w))


def test_linear_regression_leaves_inputs_unchanged(submission):
    x, yt = height_weight()
    w = np.array([2.0, -1.0])
    x_before, yt_before = x.copy(), yt.copy()
    exp_w, exp_hist = reference_regression(x, yt, w, 0.01, 5)
    called = submission.call_and_read_args(submission.least_squares.linear_regression_gd, x, yt, w, alpha=0.01, iters=5)
    (got_w, got_hist), (x_after, yt_after, w_after) = called.value, called.args
    assert_close(got_w, exp_w, func="linear_regression_gd(height/weight, iters=5): w", rtol=1e-9, hint=REG_HINT)
    assert_close(got_hist, exp_hist, func="linear_regression_gd(height/weight, iters=5): history", rtol=1e-9,
                 atol=1e-12, hint=REG_HINT)
    unchanged = np.array_equal(w_after, [2.0, -1.0]) and np.array_equal(x_after, x_before) \
        and np.array_equal(yt_after, yt_before)
    assert_that(unchanged, func="linear_regression_gd(height/weight, w=[2, -1]): w", got=w_after,
                expected=np.array([2.0, -1.0]), came_back="input",
                problem=("引数の配列(w, x, yt)が書き換えられました", "an argument (w, x or yt) was modified"),
                hint=("w -= ... は呼び出し元の w を書き換えます。w = w - ... で新しい配列に",
                      "w -= ... writes into the caller's w; w = w - ... makes a new array"),
                likely=[likely(np.allclose(w_after, exp_w), "引数の w が更新後の w に書き換えられています",
                               "your w argument was overwritten with the updated w")])
