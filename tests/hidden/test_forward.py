"""Hidden suite: forward (the course's 3-layer network, 000:598-646; predict, accuracy, MNIST with the sample weights).

One-sample and batch behaviour earn separate points: the course computes one sample as
``sig(np.dot(W, x) + b)`` (000:619-646), and code written that way earns every
``test_*one_sample*`` / course / init point; the ``test_*batch*`` and accuracy tests pay for
batches (N, in). The judge computes every expected value itself with NumPy, before the
student's code runs; accuracy is compared with the judge's own count, never taken on trust.
"""
from functools import lru_cache

import numpy as np
import pytest

from autograder.checks import assert_close, assert_equal, assert_that, likely

# 000:616-646 (weights (out, in), as the course writes them)
COURSE = (
    ("W1", ((0.1, 0.2), (0.3, 0.4), (0.5, 0.6))), ("b1", (0.1, 0.2, 0.3)),
    ("W2", ((0.1, 0.2, 0.3), (0.4, 0.5, 0.6))), ("b2", (0.1, 0.2)),
    ("W3", ((0.1, 0.2), (0.3, 0.4))), ("b3", (0.1, 0.2)),
)
KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
FORWARD_HINT = ("各層は W·x + b → 活性化。sigmoid, sigmoid, 恒等関数の順。バイアスを忘れずに",
                "each layer is W·x + b, then the activation: sigmoid, sigmoid, identity; keep every bias")
LAYOUT_HINT = ("重みは授業と同じ (出力, 入力) の形です(教科書の (入力, 出力) の行列の転置)",
               "weights are (out, in), as in the course (the transpose of the book's (in, out) matrices)")
BATCH_HINT = ("np.dot(W, x) は 1 サンプルだけ。x @ W.T + b ならバッチ (N, in) の各行にも使えます",
              "np.dot(W, x) takes one sample only; x @ W.T + b also works row by row for a batch (N, in)")
PREDICT_HINT = ("forward と同じ層で、出力層の後にソフトマックス(最後の軸)",
                "the same layers as forward, then softmax over the last axis")
ACCURACY_HINT = ("range(0, len(x), batch_size) で最後の小さいバッチも含め、argmax(axis=1) と t の一致数 / len(x)",
                 "loop over range(0, len(x), batch_size) including the last short batch; "
                 "matches of argmax(axis=1) with t, divided by len(x)")


def _course():
    return {k: np.array(v, dtype=np.float64) for k, v in COURSE}


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def _softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _ref_forward(net, x):
    z1 = _sigmoid(x @ net["W1"].T + net["b1"])
    z2 = _sigmoid(z1 @ net["W2"].T + net["b2"])
    return z2 @ net["W3"].T + net["b3"]


def _ref_predict(net, x):
    return _softmax(_ref_forward(net, x))


# -- what known mistakes give, named when a student's value is one of them ----------------------
def _variant(net, x, drop=None, output=None):
    """The forward pass without one bias, or with an activation on the output layer."""
    z1 = _sigmoid(x @ net["W1"].T + (0.0 if drop == "b1" else net["b1"]))
    z2 = _sigmoid(z1 @ net["W2"].T + (0.0 if drop == "b2" else net["b2"]))
    a3 = z2 @ net["W3"].T + (0.0 if drop == "b3" else net["b3"])
    return {"sigmoid": _sigmoid, "softmax": _softmax}.get(output, lambda a: a)(a3)


def forward_mistakes(net, x, then=lambda y: y):
    """Known mistakes of forward, as forward (or, with ``then=_softmax``, predict) gives them."""
    found = [likely(then(_variant(net, x, drop=bias)),
                    f"バイアス {bias} を足していないときの値です({bias} を足し忘れていませんか)",
                    f"this is what the network gives without the bias {bias}: is {bias} added?")
             for bias in ("b1", "b2", "b3")]
    found.append(likely(then(_variant(net, x, output="sigmoid")),
                        "出力層にシグモイドをかけた値です。出力層は恒等関数です(000:623 z3 = W3·z2 + b3)",
                        "this is a sigmoid on the output layer; the output layer is the identity (000:623)"))
    found.append(likely(then(_variant(net, x, output="softmax")),
                        "出力層にソフトマックスをかけた値です。forward の出力層は恒等関数で、ソフトマックスは predict で",
                        "this is softmax on the output layer; forward's output layer is the identity, "
                        "softmax belongs to predict"))
    return found


def predict_mistakes(net, x):
    return [likely(_ref_forward(net, x), "forward の出力そのままです。predict は最後にソフトマックスをかけます",
                   "this is forward's output as it is; predict applies softmax to it"),
            *forward_mistakes(net, x, then=_softmax)]


def accuracy_mistakes(net, x, t, batch_size):
    """The count instead of the share, the last short batch left out, argmax without axis=1."""
    classes = _ref_predict(net, x).argmax(axis=1)
    n, full = len(x), len(x) // batch_size * batch_size
    flat = sum(int(np.sum(np.argmax(_ref_predict(net, x[i:i + batch_size])) == t[i:i + batch_size]))
               for i in range(0, n, batch_size))
    return [likely(float(np.sum(classes == t)), "正解数そのものです。正解率は正解数を len(x) で割った値です",
                   "this is the count of correct samples; the accuracy divides the count by len(x)"),
            likely(bool(full < n) and (lambda got: np.isclose(got, np.sum(classes[:full] == t[:full]) / n)),
                   "最後の端数のバッチを数えていない値です。range(0, len(x), batch_size) で最後の小さいバッチまで",
                   "this leaves out the last, shorter batch; range(0, len(x), batch_size) reaches it"),
            likely(flat / n, "argmax に axis=1 を付けていない値です(軸を付けないとバッチ全体で添字 1 つ)",
                   "this is argmax without axis=1 (without an axis it is one index for the whole batch)")]


def _random_network(seed, sizes=(4, 5, 3, 2), scale=1.0):
    rng = np.random.default_rng(seed)
    net = {}
    for i in range(3):
        net[f"W{i + 1}"] = rng.normal(size=(sizes[i + 1], sizes[i])) * scale
        net[f"b{i + 1}"] = rng.normal(size=sizes[i + 1]) * scale
    return net


def _copy(net):
    return {k: np.array(v, dtype=np.float64) for k, v in net.items()}


@lru_cache(maxsize=1)
def _mnist_test():
    from autograder.data.mnist import load_mnist, load_sample_weights
    images, labels = load_mnist(train=False)
    x = images.astype(np.float64) / 255.0
    t = labels.astype(np.int64)
    weights = {k: np.array(v, dtype=np.float64) for k, v in load_sample_weights().items()}
    for array in (x, t, *weights.values()):
        array.setflags(write=False)
    return x, t, weights


# -- init_network (000:616-646) ----------------------------------------------------------------

def test_init_network_keys_and_shapes(submission):
    network = submission.forward.init_network()
    assert_that(isinstance(network, dict), func="forward.init_network()",
                problem=("辞書(dict)を返してください", "return a dict"), got=network)
    assert_equal(sorted(network), sorted(KEYS), func="forward.init_network() のキー / keys",
                 hint=("キーは 'W1' 'b1' 'W2' 'b2' 'W3' 'b3'", "the keys are 'W1' 'b1' 'W2' 'b2' 'W3' 'b3'"))
    for key, value in COURSE:
        assert_equal(np.shape(network[key]), np.shape(value), func=f"forward.init_network()[{key!r}].shape",
                     hint=LAYOUT_HINT)


def test_init_network_values(submission):
    network = submission.forward.init_network()
    for key, value in COURSE:
        assert_close(network[key], value, rtol=1e-12, func=f"forward.init_network()[{key!r}]",
                     hint=("授業の値を (出力, 入力) の形で", "the course's values, shaped (out, in)"),
                     likely=[likely(np.transpose(value), "教科書の (入力, 出力) の形のままです。授業の重みはその転置 (出力, 入力)",
                                    "this is the book's (in, out) layout; the course's weights are its transpose, (out, in)")])
        assert_that(np.asarray(network[key]).dtype.kind == "f", func=f"forward.init_network()[{key!r}]",
                    problem=("float の配列にしてください", "use float arrays"),
                    got=np.asarray(network[key]).dtype.name, expected="float64")


# -- forward, one sample (000:598-646) -----------------------------------------------------------

def test_forward_course_example(submission):
    x = np.array([1.0, 0.5])
    expected = _ref_forward(_course(), x)               # ≈ [0.31682708, 0.69627909] (book 3.4.3)
    got = submission.forward.forward(_course(), x.copy())
    assert_close(got, expected, rtol=1e-9, func="forward.forward(course network, [1.0, 0.5])", hint=FORWARD_HINT,
                 likely=forward_mistakes(_course(), x))


def test_forward_one_sample_other_sizes(submission):
    net = _random_network(1, sizes=(4, 5, 3, 2))
    rng = np.random.default_rng(2)
    for x in (rng.normal(size=4), rng.normal(size=4) * 3):
        expected = _ref_forward(net, x)
        got = submission.forward.forward(_copy(net), x.copy())
        assert_close(got, expected, rtol=1e-10, func="forward.forward(4-5-3-2 network, x of shape (4,))",
                     hint=FORWARD_HINT, likely=forward_mistakes(net, x))


@pytest.mark.parametrize("bias", ["b1", "b2", "b3"])
def test_forward_uses_every_bias(submission, bias):
    net = _random_network(5, sizes=(3, 4, 4, 2))
    net[bias] = net[bias] + 1.5
    x = np.random.default_rng(6).normal(size=3)
    expected = _ref_forward(net, x)
    got = submission.forward.forward(_copy(net), x.copy())
    assert_close(got, expected, rtol=1e-10, func=f"forward.forward: {bias} を変えたとき / with {bias} changed",
                 hint=("各層でバイアスを足します: W·x + b1、W·z1 + b2、W·z2 + b3",
                       "every layer adds its bias: W·x + b1, W·z1 + b2, W·z2 + b3"),
                 likely=forward_mistakes(net, x))


def test_forward_output_layer_is_identity(submission):
    net = _random_network(7, sizes=(2, 3, 3, 3))
    net["b3"] = np.array([-5.0, 0.0, 5.0])
    for x in (np.array([0.3, -0.2]), np.array([1.0, 2.0])):
        expected = _ref_forward(net, x)
        got = submission.forward.forward(_copy(net), x.copy())
        assert_close(got, expected, rtol=1e-10, func=f"forward.forward (output layer, x = {x.tolist()})",
                     hint=("出力層は W3·z2 + b3 に恒等関数です(sigmoid や softmax をかけない)",
                           "the output layer is W3·z2 + b3 with the identity (no sigmoid, no softmax)"),
                     likely=forward_mistakes(net, x))


def test_forward_leaves_inputs_unchanged(submission):
    net0 = _random_network(8)
    x0 = np.random.default_rng(9).normal(size=4)
    expected = _ref_forward(net0, x0)
    called = submission.call_and_read_args(submission.forward.forward, _copy(net0), x0.copy())
    net, x = called.args
    hint = ("network と x を書き換えないでください", "do not modify network or x")
    assert_close(called.value, expected, rtol=1e-10, func="forward.forward(4-5-3-2 network, x of shape (4,))",
                 hint=FORWARD_HINT, likely=forward_mistakes(net0, x0))
    assert_close(x, x0, rtol=0, func="forward.forward: x", hint=hint, came_back="input")
    for key in KEYS:
        assert_close(net[key], net0[key], rtol=0, func=f"forward.forward: network[{key!r}]", hint=hint,
                     came_back="input")


# -- predict, one sample ------------------------------------------------------------------------------

def test_predict_course_example(submission):
    x = np.array([1.0, 0.5])
    expected = _ref_predict(_course(), x)               # ≈ [0.40625907, 0.59374093]
    got = submission.forward.predict(_course(), x.copy())
    assert_close(got, expected, rtol=1e-9, func="forward.predict(course network, [1.0, 0.5])", hint=PREDICT_HINT,
                 likely=predict_mistakes(_course(), x))


def _check_predict_with_large_outputs(submission, x, shape_words):
    """predict with output-layer values near 1000: finite, and right (softmax minus its maximum)."""
    net = _course()
    net["b3"] = np.array([1000.0, 990.0])
    expected = _ref_predict(net, x)
    got = np.asarray(submission.forward.predict(_copy(net), x.copy()), dtype=np.float64)
    assert_that(bool(np.all(np.isfinite(got))), func="forward.predict (出力層の値 ≈ 1000 / outputs near 1000)",
                problem=("nan か inf が出ました(桁あふれ)", "got nan or inf (overflow)"), expected=expected, got=got,
                hint=("ソフトマックスは最大値を引いてから exp(用意済みの softmax を使えます)",
                      "subtract the maximum before exp (the given softmax does it)"))
    assert_close(got, expected, rtol=1e-9, func=f"forward.predict (large outputs, {shape_words})", hint=PREDICT_HINT,
                 likely=predict_mistakes(net, x))


def test_predict_one_sample_stable_for_large_outputs(submission):
    _check_predict_with_large_outputs(submission, np.array([0.2, -0.4]), "one sample")


def test_mnist_predict_one_image(submission):
    x, _, weights = _mnist_test()
    for index in (0, 7):
        expected = _ref_predict(weights, x[index])
        got = submission.forward.predict(weights, x[index])
        assert_close(got, expected, rtol=1e-7, atol=1e-12,
                     func=f"forward.predict(sample weights, MNIST image {index} of shape (784,))", hint=PREDICT_HINT,
                     likely=predict_mistakes(weights, x[index]))


# -- forward and predict, batches (N, in) ------------------------------------------------------------

def test_forward_batch(submission):
    x = np.random.default_rng(0).normal(size=(6, 2))
    expected = _ref_forward(_course(), x)
    got = submission.forward.forward(_course(), x.copy())
    assert_close(got, expected, rtol=1e-10, func="forward.forward(course network, batch (6, 2))", hint=BATCH_HINT,
                 likely=forward_mistakes(_course(), x))


def test_forward_batch_other_sizes(submission):
    net = _random_network(1, sizes=(4, 5, 3, 2))
    xb = np.random.default_rng(2).normal(size=(3, 4))
    expected = _ref_forward(net, xb)
    got = submission.forward.forward(_copy(net), xb.copy())
    assert_close(got, expected, rtol=1e-10, func="forward.forward(4-5-3-2 network, batch (3, 4))", hint=BATCH_HINT,
                 likely=forward_mistakes(net, xb))


def test_forward_batch_rows_match_single_samples(submission):
    net = _random_network(3, sizes=(3, 6, 4, 5))
    x = np.random.default_rng(4).normal(size=(5, 3))
    expected = _ref_forward(net, x)
    batch = np.asarray(submission.forward.forward(_copy(net), x.copy()), dtype=np.float64)
    rows = np.array([np.asarray(submission.forward.forward(_copy(net), row.copy()), dtype=np.float64) for row in x])
    assert_close(batch, expected, rtol=1e-10, atol=1e-12, func="forward.forward(3-6-4-5 network, batch (5, 3))",
                 hint=BATCH_HINT, likely=forward_mistakes(net, x))
    assert_close(batch, rows, rtol=1e-10, atol=1e-12, func="forward.forward: バッチの各行 / batch rows vs single samples",
                 hint=BATCH_HINT)


def test_predict_batch_rows_sum_to_one(submission):
    net = _random_network(10, sizes=(4, 6, 5, 3), scale=2.0)
    x = np.random.default_rng(11).normal(size=(7, 4))
    expected = _ref_predict(net, x)
    got = np.asarray(submission.forward.predict(_copy(net), x.copy()), dtype=np.float64)
    assert_close(got, expected, rtol=1e-10, func="forward.predict(batch (7, 4))", hint=PREDICT_HINT,
                 likely=predict_mistakes(net, x))
    assert_close(got.sum(axis=1), np.ones(7), rtol=1e-12, func="forward.predict: 行の和 / row sums",
                 hint=("ソフトマックスは行ごと(axis=-1)", "softmax works per row (axis=-1)"))


def test_predict_batch_stable_for_large_outputs(submission):
    _check_predict_with_large_outputs(submission, np.array([[1.0, 0.5], [0.0, 0.0]]), "batch (2, 2)")


def test_mnist_predict_batch(submission):
    x, _, weights = _mnist_test()
    expected = _ref_predict(weights, x)
    got = np.asarray(submission.forward.predict(weights, x), dtype=np.float64)
    assert_close(got, expected, rtol=1e-7, atol=1e-12,
                 func=f"forward.predict(sample weights, MNIST test images {x.shape})", hint=PREDICT_HINT,
                 likely=predict_mistakes(weights, x))
    assert_equal(got.argmax(axis=1), expected.argmax(axis=1),
                 func="forward.predict: argmax(axis=1) on MNIST", hint=PREDICT_HINT)


# -- accuracy (batches; book 3.6.3) -------------------------------------------------------------------

def _labels_with_errors(net, x, seed, wrong_every=4):
    """Labels that agree with the reference prediction except at every wrong_every-th sample."""
    classes = _ref_predict(net, x).argmax(axis=1)
    t = classes.copy()
    n_out = net["W3"].shape[0]
    t[::wrong_every] = (t[::wrong_every] + 1 + np.random.default_rng(seed).integers(0, n_out - 1, size=t[::wrong_every].size)) % n_out
    return t, float(np.mean(classes == t))


@pytest.mark.parametrize("batch_size", [1, 7, 100, 1000])
def test_accuracy_batch_sizes(submission, batch_size):
    net = _random_network(12, sizes=(4, 8, 6, 5), scale=2.0)
    x = np.random.default_rng(13).normal(size=(250, 4))
    t, expected = _labels_with_errors(net, x, seed=14)
    got = submission.forward.accuracy(_copy(net), x.copy(), t.copy(), batch_size=batch_size)
    assert_close(got, expected, rtol=1e-12, func=f"forward.accuracy(N=250, batch_size={batch_size})",
                 hint=ACCURACY_HINT, likely=accuracy_mistakes(net, x, t, batch_size))


def test_accuracy_default_batch_size(submission):
    net = _random_network(15, sizes=(3, 5, 5, 4), scale=2.0)
    x = np.random.default_rng(16).normal(size=(130, 3))
    t, expected = _labels_with_errors(net, x, seed=17, wrong_every=3)
    got = submission.forward.accuracy(_copy(net), x.copy(), t.copy())
    assert_close(got, expected, rtol=1e-12, func="forward.accuracy(N=130) (batch_size=100)", hint=ACCURACY_HINT,
                 likely=accuracy_mistakes(net, x, t, 100))


def test_accuracy_returns_float(submission):
    net = _random_network(18, sizes=(2, 4, 4, 3), scale=2.0)
    x = np.random.default_rng(19).normal(size=(4, 2))
    t, expected = _labels_with_errors(net, x, seed=20, wrong_every=2)      # 2 of 4 right: 0.5
    got = submission.forward.accuracy(_copy(net), x.copy(), t.copy(), batch_size=3)
    assert_that(isinstance(got, (float, np.floating)), func="forward.accuracy",
                problem=("float(正解率)を返してください(正解数や配列ではなく)",
                         "return a float (the share correct, not the count, not an array)"),
                expected=expected, got=got, hint=ACCURACY_HINT, likely=accuracy_mistakes(net, x, t, 3))
    assert_close(got, expected, rtol=1e-12, func="forward.accuracy (4 samples, batch_size=3)", hint=ACCURACY_HINT,
                 likely=accuracy_mistakes(net, x, t, 3))


def test_mnist_accuracy_matches_reference(submission):
    x, t, weights = _mnist_test()
    expected = float(np.mean(_ref_predict(weights, x).argmax(axis=1) == t))
    assert expected > 0.85, f"kit data problem: the sample weights reach only {expected:.3f} on the MNIST subset"
    got = submission.forward.accuracy(weights, x, t, batch_size=100)
    assert_close(got, expected, rtol=1e-12, func=f"forward.accuracy(sample weights, MNIST test {x.shape}, batch_size=100)",
                 hint=ACCURACY_HINT, likely=accuracy_mistakes(weights, x, t, 100))
    got_odd = submission.forward.accuracy(weights, x, t, batch_size=300)
    assert_close(got_odd, expected, rtol=1e-12, func="forward.accuracy(sample weights, MNIST test, batch_size=300)",
                 hint=ACCURACY_HINT, likely=accuracy_mistakes(weights, x, t, 300))
