"""Hidden suite: layers (forward, and backward against numerical gradients and torch autograd).

Lecture 001:2264-2420 (computational graphs: the local derivative times the upstream gradient,
gradients added where paths meet) and the book's chapter 5 (the layers and the apple example).
Every expected value and numerical gradient is computed before the submission is called.

Gradient checks: the judge takes a central difference (h=1e-5) of the true function and compares
the returned gradient by relative error (autograder.checks.relative_error, element-wise
max |a-b| / (|a|+|b|)), which must stay below GRAD_TOL = 1e-6; inputs keep away from ReLU's kink.
Torch autograd (float64) is a second oracle: rtol=1e-9, atol=1e-12. Losses: the book's
log(y + 1e-7) differs from the exact cross entropy by about 1e-7/p for a correct-class
probability p, so a loss may differ by 1.5e-7 · mean(1/p) + 1e-9 (loss_atol), which both
the book's and the exact form meet.
"""
import numpy as np
import pytest
import torch

from autograder.checks import assert_close, assert_that, central_difference, likely, relative_error, show

GRAD_TOL = 1e-6
TORCH_TOL = dict(rtol=1e-9, atol=1e-12)
MUL_HINT = ("乗算ノードの逆伝播は「もう一方の入力」を掛けます: dx = dout·y, dy = dout·x",
            "a multiplication node multiplies by the other input: dx = dout·y, dy = dout·x")
RELU_HINT = ("forward で x <= 0 だった場所を mask に覚え、そこだけ 0 に(dout の符号は関係ありません)",
             "remember where x <= 0 in forward and zero only those places (the sign of dout does not matter)")
SIGMOID_HINT = ("dx = dout · y(1 - y)、y は forward の出力", "dx = dout · y(1 - y), with y forward's output")
AFFINE_HINT = ("W は (out, in): dx = dout @ W, dW = dout.T @ x, db = dout の axis=0 の和",
               "W is (out, in): dx = dout @ W, dW = dout.T @ x, db = the sum of dout over axis 0")
SOFTMAX_HINT = ("dx = (y - t) / N(N はバッチサイズ、ラベルなら one-hot にして考える)",
                "dx = (y - t) / N (N the batch size; think of labels as one-hot)")


def _gives(mistake, got) -> bool:
    """Whether ``got`` is what a known mistake gives (a value, or a test of what came back)."""
    try:
        if got is None:
            return False
        if callable(mistake):
            return bool(mistake(got))
        value = np.asarray(mistake, dtype=np.float64)
        return np.shape(got) == value.shape and bool(np.allclose(np.asarray(got, dtype=np.float64), value,
                                                                 rtol=1e-6, atol=1e-12))
    except (TypeError, ValueError):
        return False


def check_gradient(got, numeric, *, func, hint, tol=GRAD_TOL, mistakes=()):
    """``mistakes``: (what a known mistake gives, ja, en), named when the gradient is that."""
    __tracebackhide__ = True
    try:
        arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    causes = [likely(_gives(mistake, got), ja, en) for mistake, ja, en in mistakes]
    assert_that(arr is not None and arr.shape == numeric.shape, func=func,
                problem=("勾配の形(shape)が違います", "the gradient has the wrong shape"),
                expected=f"shape {numeric.shape}", got=got if arr is None else f"shape {arr.shape}: {show(arr)}",
                hint=hint, likely=causes)
    err = relative_error(arr, numeric)
    assert_that(err < tol, func=func,
                problem=("数値微分(中心差分)と一致しません", "does not match the numerical gradient (central difference)"),
                expected=f"numerical gradient {show(numeric)} (relative error < {tol:g})",
                got=f"{show(arr)} (relative error {err:.3g})", hint=hint, likely=causes)


def away_from_zero(rng, shape, low=0.2, high=2.0):
    return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def np_softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def np_loss(x, labels):
    y = np_softmax(x)
    return float(-np.mean(np.log(y[np.arange(len(labels)), labels])))


def loss_atol(x, labels):
    """How far log(y + 1e-7) may move the mean loss from the exact value."""
    p = np_softmax(x)[np.arange(len(labels)), labels]
    return float(1.5e-7 * np.mean(1 / p) + 1e-9)


# ---- MulLayer / AddLayer ------------------------------------------------------------------
def test_apple_example(submission):
    # Book 5.4.1: 2 apples at 100, tax 1.1.
    layers = submission.layers
    mul_apple, mul_tax = layers.MulLayer(), layers.MulLayer()
    apple_price = mul_apple.forward(100, 2)
    price = mul_tax.forward(apple_price, 1.1)
    assert_close(price, 220.0, rtol=1e-12, func="layers.MulLayer: price of 2 apples at 100 with tax 1.1")
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert_close([dapple, dapple_num, dtax], [2.2, 110.0, 200.0], rtol=1e-12,
                 func="layers.MulLayer.backward: (dapple, dapple_num, dtax)", hint=MUL_HINT)


def test_apple_orange_graph(submission):
    # Book 5.4.2: 2 apples at 100, 3 oranges at 150, tax 1.1.
    layers = submission.layers
    mul_apple, mul_orange, add, mul_tax = layers.MulLayer(), layers.MulLayer(), layers.AddLayer(), layers.MulLayer()
    price = mul_tax.forward(add.forward(mul_apple.forward(100, 2), mul_orange.forward(150, 3)), 1.1)
    assert_close(price, 715.0, rtol=1e-12, func="layers: price of 2 apples and 3 oranges with tax 1.1")
    dall, dtax = mul_tax.backward(1)
    dapple_price, dorange_price = add.backward(dall)
    dorange, dorange_num = mul_orange.backward(dorange_price)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert_close([dapple_num, dapple, dorange, dorange_num, dtax], [110.0, 2.2, 3.3, 165.0, 650.0], rtol=1e-12,
                 func="layers: (dapple_num, dapple, dorange, dorange_num, dtax)",
                 hint=("加算ノードは dout をそのまま両方へ、乗算ノードはもう一方の入力を掛けます",
                       "an addition node passes dout to both inputs; a multiplication node multiplies by the other input"))


def test_mul_layer_arrays(submission):
    rng = np.random.default_rng(1)
    x, y, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    expected_out = x * y
    expected_dx = central_difference(lambda v: np.sum(v * y * dout), x)
    expected_dy = central_difference(lambda v: np.sum(x * v * dout), y)
    layer = submission.layers.MulLayer()
    assert_close(layer.forward(x, y), expected_out, rtol=1e-12, func="layers.MulLayer.forward(arrays)")
    dx, dy = layer.backward(dout)
    check_gradient(dx, expected_dx, func="layers.MulLayer.backward: dx", hint=MUL_HINT,
                   mistakes=[(dout * x, "dx に自分の入力 x を掛けています。乗算ノードはもう一方の入力 y を掛けます",
                            "dx multiplies by its own input x; a multiplication node multiplies by the other input, y")])
    check_gradient(dy, expected_dy, func="layers.MulLayer.backward: dy", hint=MUL_HINT,
                   mistakes=[(dout * y, "dy に自分の入力 y を掛けています。乗算ノードはもう一方の入力 x を掛けます",
                            "dy multiplies by its own input y; a multiplication node multiplies by the other input, x")])


def test_add_layer_arrays(submission):
    rng = np.random.default_rng(2)
    x, y, dout = rng.normal(size=(2, 5)), rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    expected_out, expected_grad = x + y, dout.copy()
    layer = submission.layers.AddLayer()
    assert_close(layer.forward(x, y), expected_out, rtol=1e-12, func="layers.AddLayer.forward(arrays)")
    dx, dy = layer.backward(dout)
    assert_close(dx, expected_grad, rtol=1e-12, func="layers.AddLayer.backward: dx",
                 hint=("加算ノードは dout をそのまま流します", "an addition node passes dout on unchanged"))
    assert_close(dy, expected_grad, rtol=1e-12, func="layers.AddLayer.backward: dy")


# ---- Relu / Sigmoid -----------------------------------------------------------------------
def test_relu_forward_leaves_input_unchanged(submission):
    x = np.array([[1.0, -0.5, 0.0], [-2.0, 3.0, -1e-3]])
    original, expected = x.copy(), np.maximum(0, x)
    called = submission.call_and_read_args(submission.layers.Relu().forward, x)
    got, (x_after,) = called.value, called.args
    assert_close(got, expected, func="layers.Relu.forward", hint=RELU_HINT)
    assert_close(x_after, original, rtol=0, func="layers.Relu.forward(x): x afterwards", came_back="input",
                 hint=("out = x.copy() してから 0 を入れましょう", "make out = x.copy() before writing zeros"),
                 likely=[likely(expected, "入力 x が ReLU の結果に書き換えられています(x[mask] = 0 は x そのものを変えます)",
                                "your input x was overwritten with the ReLU of it (x[mask] = 0 changes x itself)")])


def test_relu_backward_numerical(submission):
    rng = np.random.default_rng(3)
    x = away_from_zero(rng, (4, 5))
    dout = rng.normal(size=(4, 5))
    expected = central_difference(lambda v: np.sum(np.maximum(0, v) * dout), x)
    layer = submission.layers.Relu()
    layer.forward(x)
    dx = layer.backward(dout)
    check_gradient(dx, expected, func="layers.Relu.backward", hint=RELU_HINT,
                   mistakes=[(np.maximum(0, dout), "dout に ReLU をかけた値です。forward の x <= 0 の場所(mask)を 0 にします",
                            "this is ReLU applied to dout; zero the places where x <= 0 in forward (the mask)")])


def test_sigmoid_forward(submission):
    x = np.array([[-3.0, -0.5], [0.0, 4.0]])
    expected = 1 / (1 + np.exp(-x))
    assert_close(submission.layers.Sigmoid().forward(x), expected, rtol=1e-12,
                 func="layers.Sigmoid.forward", hint=("1 / (1 + exp(-x))", "1 / (1 + exp(-x))"))


def test_sigmoid_backward_numerical(submission):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(3, 4)) * 2
    dout = rng.normal(size=(3, 4))
    expected = central_difference(lambda v: np.sum(dout / (1 + np.exp(-v))), x)
    layer = submission.layers.Sigmoid()
    layer.forward(x)
    dx = layer.backward(dout)
    check_gradient(dx, expected, func="layers.Sigmoid.backward", hint=SIGMOID_HINT, mistakes=sigmoid_mistakes(x, dout))


def sigmoid_mistakes(x, dout):
    y = 1 / (1 + np.exp(-x))
    return [(dout * x * (1 - x), "x(1 - x) を使った値です: y(1 - y) の y は forward の出力 y です",
             "this uses x(1 - x): the y in y(1 - y) is forward's output y"),
            (y * (1 - y), "dout を掛けていない値です: dx = dout · y(1 - y)", "this is y(1 - y) without dout: dx = dout · y(1 - y)")]


def relu_mistakes(x, dout):
    return [(np.maximum(0, dout), "dout に ReLU をかけた値です。forward の x <= 0 の場所(mask)を 0 にします",
             "this is ReLU applied to dout; zero the places where x <= 0 in forward (the mask)")]


def test_relu_sigmoid_match_torch(submission):
    rng = np.random.default_rng(5)
    x = away_from_zero(rng, (3, 6))
    dout = rng.normal(size=(3, 6))
    for name, fn, hint, mistakes in [("Relu", torch.relu, RELU_HINT, relu_mistakes),
                                     ("Sigmoid", torch.sigmoid, SIGMOID_HINT, sigmoid_mistakes)]:
        xt = torch.tensor(x, requires_grad=True)
        yt = fn(xt)
        yt.backward(torch.tensor(dout))
        expected_out, expected_dx = yt.detach().numpy().copy(), xt.grad.numpy().copy()
        layer = getattr(submission.layers, name)()
        assert_close(layer.forward(x), expected_out, **TORCH_TOL, func=f"layers.{name}.forward vs torch")
        assert_close(layer.backward(dout), expected_dx, **TORCH_TOL,
                     func=f"layers.{name}.backward vs torch autograd", hint=hint,
                     likely=[likely(value, ja, en) for value, ja, en in mistakes(x, dout)])


# ---- Affine -------------------------------------------------------------------------------
def affine_case(seed, n=4, n_in=3, n_out=5):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), rng.normal(size=(n, n_in)),
            rng.normal(size=(n, n_out)))


def db_mistakes(dout):
    return [(dout.mean(axis=0), "db をバッチで平均した値です(N で割っています)。db は dout の axis=0 の和です",
             "this is db averaged over the batch (divided by N); db is the sum of dout over axis 0"),
            (lambda got: np.ndim(got) == 0, "db が 1 つの数です: 全要素の和でなく axis=0(バッチ方向)の和で、形は (out,)",
             "db is a single number: sum over axis 0 (the batch) only, which gives shape (out,)")]


def test_affine_forward(submission):
    W, b, x, _ = affine_case(6)
    expected = x @ W.T + b
    got = submission.layers.Affine(W, b).forward(x)
    assert_close(got, expected, rtol=1e-12, func="layers.Affine.forward: x (4, 3), W (5, 3), b (5,)",
                 hint=("W は (out, in) なので x @ W.T + b。結果は (N, out)", "W is (out, in), so x @ W.T + b, shaped (N, out)"))


def test_affine_backward_numerical(submission):
    W, b, x, dout = affine_case(7)
    expected_dx = central_difference(lambda v: np.sum((v @ W.T + b) * dout), x)
    expected_dW = central_difference(lambda v: np.sum((x @ v.T + b) * dout), W)
    expected_db = central_difference(lambda v: np.sum((x @ W.T + v) * dout), b)
    layer = submission.layers.Affine(W, b)
    layer.forward(x)
    dx = layer.backward(dout)
    check_gradient(dx, expected_dx, func="layers.Affine.backward: dx (N, in)", hint=AFFINE_HINT)
    check_gradient(layer.dW, expected_dW, func="layers.Affine.backward: dW (out, in)", hint=AFFINE_HINT)
    check_gradient(layer.db, expected_db, func="layers.Affine.backward: db (out,)", hint=AFFINE_HINT,
                   mistakes=db_mistakes(dout))


def test_affine_matches_torch(submission):
    W, b, x, dout = affine_case(8, n=6, n_in=7, n_out=2)
    Wt, bt, xt = (torch.tensor(a, requires_grad=True) for a in (W, b, x))
    out = torch.nn.functional.linear(xt, Wt, bt)
    out.backward(torch.tensor(dout))
    expected = {"out": out.detach().numpy().copy(), "dx": xt.grad.numpy().copy(), "dW": Wt.grad.numpy().copy(),
                "db": bt.grad.numpy().copy()}
    layer = submission.layers.Affine(W, b)
    assert_close(layer.forward(x), expected["out"], **TORCH_TOL, func="layers.Affine.forward vs torch.nn.functional.linear")
    assert_close(layer.backward(dout), expected["dx"], **TORCH_TOL, func="layers.Affine.backward: dx vs torch", hint=AFFINE_HINT)
    assert_close(layer.dW, expected["dW"], **TORCH_TOL, func="layers.Affine.backward: dW vs torch", hint=AFFINE_HINT)
    assert_close(layer.db, expected["db"], **TORCH_TOL, func="layers.Affine.backward: db vs torch", hint=AFFINE_HINT,
                 likely=[likely(value, ja, en) for value, ja, en in db_mistakes(dout)])


def test_affine_single_sample_batch(submission):
    # N = 1: db must still be (out,), dW (out, in).
    W, b, x, dout = affine_case(9, n=1, n_in=4, n_out=3)
    expected_dx, expected_dW, expected_db = dout @ W, dout.T @ x, dout.sum(axis=0)
    layer = submission.layers.Affine(W, b)
    layer.forward(x)
    dx = layer.backward(dout)
    assert_close(dx, expected_dx, rtol=1e-12, func="layers.Affine.backward: dx for a batch of one", hint=AFFINE_HINT)
    assert_close(layer.dW, expected_dW, rtol=1e-12, func="layers.Affine.backward: dW for a batch of one", hint=AFFINE_HINT)
    assert_close(layer.db, expected_db, rtol=1e-12, func="layers.Affine.backward: db for a batch of one",
                 hint=AFFINE_HINT, likely=[likely(value, ja, en) for value, ja, en in db_mistakes(dout)])


# ---- SoftmaxWithLoss ----------------------------------------------------------------------
def softmax_loss_mistakes(x, labels, dout=1.0):
    y, one_hot = np_softmax(x), np.eye(x.shape[1])[labels]
    return [((y - one_hot) * dout, "バッチサイズ N で割っていない値です(N 倍)。dx = dout · (y - t) / N",
             "this is not divided by the batch size N (N times too large): dx = dout · (y - t) / N"),
            ((y - one_hot) / len(x), "dout を掛けていない値です(dout = 1 のときだけ正しい): dx = dout · (y - t) / N",
             "this ignores dout (right only for dout = 1): dx = dout · (y - t) / N")] if dout != 1.0 else \
        [((y - one_hot), "バッチサイズ N で割っていない値です(N 倍)。dx = (y - t) / N",
          "this is not divided by the batch size N (N times too large): dx = (y - t) / N")]


def softmax_case(seed, n=5, k=4):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, k))
    labels = rng.integers(0, k, size=n)
    return x, labels, np.eye(k)[labels]


@pytest.mark.parametrize("target", ["one_hot", "labels"])
def test_softmax_with_loss_forward(submission, target):
    x, labels, one_hot = softmax_case(10)
    t = one_hot if target == "one_hot" else labels
    expected = torch.nn.functional.cross_entropy(torch.tensor(x), torch.tensor(labels)).item()
    atol = loss_atol(x, labels)
    got = submission.layers.SoftmaxWithLoss().forward(x, t)
    assert_close(got, expected, rtol=0, atol=atol,
                 func=f"layers.SoftmaxWithLoss.forward(x (5, 4), t as {target})",
                 hint=("softmax(x) の正解の確率の -log をバッチで平均します。t は one-hot でもラベルでも",
                       "average -log of the correct class's softmax probability over the batch; t is one-hot or labels"))


@pytest.mark.parametrize("target", ["one_hot", "labels"])
def test_softmax_with_loss_backward_numerical(submission, target):
    x, labels, one_hot = softmax_case(11)
    t = one_hot if target == "one_hot" else labels
    expected = central_difference(lambda v: np_loss(v, labels), x)
    layer = submission.layers.SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward()
    check_gradient(dx, expected, func=f"layers.SoftmaxWithLoss.backward() with t as {target}", hint=SOFTMAX_HINT,
                   mistakes=softmax_loss_mistakes(x, labels))


@pytest.mark.parametrize("dout", [2.5, 0.3], ids=["dout=2.5", "dout=0.3"])
def test_softmax_with_loss_backward_honours_dout(submission, dout):
    # The loss scaled by dout (a weight, or the layer inside a bigger graph): dx = dout · (y - t) / N.
    x, labels, _ = softmax_case(14, n=4, k=5)
    expected = central_difference(lambda v: dout * np_loss(v, labels), x)
    layer = submission.layers.SoftmaxWithLoss()
    layer.forward(x, labels)
    dx = layer.backward(dout)
    check_gradient(dx, expected, func=f"layers.SoftmaxWithLoss.backward({dout})",
                   hint=("上流の勾配 dout を掛けます: dx = dout · (y - t) / N",
                         "multiply by the upstream gradient: dx = dout · (y - t) / N"),
                   mistakes=softmax_loss_mistakes(x, labels, dout))


def test_softmax_with_loss_matches_torch(submission):
    x, labels, one_hot = softmax_case(12, n=8, k=10)
    xt = torch.tensor(x, requires_grad=True)
    torch.nn.functional.cross_entropy(xt, torch.tensor(labels)).backward()
    expected = xt.grad.numpy().copy()
    layer = submission.layers.SoftmaxWithLoss()
    layer.forward(x, one_hot)
    assert_close(layer.backward(1), expected, **TORCH_TOL,
                 func="layers.SoftmaxWithLoss.backward(1) vs torch cross_entropy (N=8, K=10)", hint=SOFTMAX_HINT,
                 likely=[likely(value, ja, en) for value, ja, en in softmax_loss_mistakes(x, labels)])


def test_softmax_with_loss_large_scores(submission):
    x = np.array([[1010.0, 1000.0, 990.0], [-5.0, 995.0, 1000.0]])
    labels = np.array([0, 2])
    expected_loss, atol = np_loss(x, labels), loss_atol(x, labels)
    expected_dx = (np_softmax(x) - np.eye(3)[labels]) / 2
    layer = submission.layers.SoftmaxWithLoss()
    loss = layer.forward(x, labels)
    dx = layer.backward()
    overflow = likely(lambda got: not np.all(np.isfinite(np.asarray(got, dtype=np.float64))),
                      "nan か inf です: 最大値を引かずに exp を取ると exp(1000) が桁あふれします",
                      "nan or inf: exp(1000) overflows unless the maximum is subtracted first")
    assert_close(loss, expected_loss, rtol=0, atol=atol,
                 func="layers.SoftmaxWithLoss.forward with scores near 1000",
                 hint=("softmax では最大値を引いてから exp を取ります", "subtract the maximum before exp in softmax"),
                 likely=[overflow])
    assert_close(dx, expected_dx, **TORCH_TOL,
                 func="layers.SoftmaxWithLoss.backward with scores near 1000", hint=SOFTMAX_HINT,
                 likely=[overflow, *(likely(value, ja, en) for value, ja, en in softmax_loss_mistakes(x, labels))])


# ---- a small network built from the layers ------------------------------------------------
def test_two_layer_network_gradients(submission):
    # Affine -> Relu -> Affine -> SoftmaxWithLoss, backward through the chain, against torch.
    rng = np.random.default_rng(13)
    x = rng.normal(size=(6, 4))
    labels = rng.integers(0, 3, size=6)
    W1, b1 = rng.normal(size=(5, 4)), rng.normal(size=5) * 0.1
    W2, b2 = rng.normal(size=(3, 5)), rng.normal(size=3) * 0.1
    tensors = [torch.tensor(a, requires_grad=True) for a in (x, W1, b1, W2, b2)]
    xt, W1t, b1t, W2t, b2t = tensors
    h = torch.relu(torch.nn.functional.linear(xt, W1t, b1t))
    loss_t = torch.nn.functional.cross_entropy(torch.nn.functional.linear(h, W2t, b2t), torch.tensor(labels))
    loss_t.backward()
    expected_loss = loss_t.item()
    expected = {name: t.grad.numpy().copy() for name, t in zip(("dx", "dW1", "db1", "dW2", "db2"), tensors)}
    atol = loss_atol(np.maximum(0, x @ W1.T + b1) @ W2.T + b2, labels)

    L = submission.layers
    a1, relu, a2, last = L.Affine(W1, b1), L.Relu(), L.Affine(W2, b2), L.SoftmaxWithLoss()
    loss = last.forward(a2.forward(relu.forward(a1.forward(x))), labels)
    dx = a1.backward(relu.backward(a2.backward(last.backward(1))))
    assert_close(loss, expected_loss, rtol=0, atol=atol,
                 func="layers: loss of Affine-Relu-Affine-SoftmaxWithLoss",
                 hint=("forward を順に呼び、最後に SoftmaxWithLoss.forward(スコア, t)",
                       "call each forward in order, and SoftmaxWithLoss.forward(scores, t) last"))
    for name, got in [("dx", dx), ("dW1", a1.dW), ("db1", a1.db), ("dW2", a2.dW), ("db2", a2.db)]:
        assert_close(got, expected[name], rtol=1e-8, atol=1e-12,
                     func=f"layers: {name} of Affine-Relu-Affine-SoftmaxWithLoss vs torch autograd",
                     hint=("各レイヤの backward を逆順に呼び、前の backward の戻り値を次に渡します",
                           "call each layer's backward in reverse order, passing each result on"))
