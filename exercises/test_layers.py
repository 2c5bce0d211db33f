"""自己チェック: 誤差逆伝播法のレイヤ / Self-check: backpropagation layers.

講義 001:2264-2420(計算グラフ、連鎖律、合流地点で勾配を足す)と教科書 5 章。
Lecture 001:2264-2420 (computational graphs, the chain rule, gradients added where paths
meet) and the book's chapter 5.

損失の許容誤差 / loss tolerance: 教科書の log(y + 1e-7) と正確な log y の差(ここでは 1e-7 程度)を
含む atol 1e-6。atol 1e-6 admits both the book's log(y + 1e-7) and the exact log y (they differ by
about 1e-7 here).
"""
import numpy as np

from autograder.checks import assert_close

AFFINE_HINT = ("W は (out, in): out = x @ W.T + b、dx = dout @ W、dW = dout.T @ x、db = dout の axis=0 の和",
               "W is (out, in): out = x @ W.T + b, dx = dout @ W, dW = dout.T @ x, db = dout summed over axis 0")
SOFTMAX_HINT = ("dx = dout · (y - t) / N(N はバッチサイズ。ラベルの t は one-hot にして考える)",
                "dx = dout · (y - t) / N (N the batch size; think of label targets as one-hot)")


def test_buy_apple(submission):
    # 教科書 5.4.1: りんご 100 円を 2 個、消費税 1.1 / book 5.4.1: two apples at 100 yen, tax 1.1
    layers = submission.layers
    mul_apple, mul_tax = layers.MulLayer(), layers.MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    assert_close(price, 220.0, rtol=1e-9, func="layers.MulLayer.forward (apple example)",
                 hint=("forward は x * y を返します", "forward returns x * y"))
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert_close([dapple, dapple_num, dtax], [2.2, 110.0, 200.0], rtol=1e-9,
                 func="layers.MulLayer.backward (apple example): (dapple, dapple_num, dtax)",
                 hint=("乗算ノードの逆伝播は、もう一方の入力を掛けます", "a multiplication node multiplies by the other input"))


def test_mul_and_add_layers_on_arrays(submission):
    mul, add = submission.layers.MulLayer(), submission.layers.AddLayer()
    x, y = np.array([1.0, -2.0, 0.5]), np.array([3.0, 0.5, -4.0])
    assert_close(mul.forward(x, y), [3.0, -1.0, -2.0], func="layers.MulLayer.forward(arrays)")
    assert_close(mul.backward(np.array([1.0, 2.0, -1.0])), [[3.0, 1.0, 4.0], [1.0, -4.0, -0.5]],
                 func="layers.MulLayer.backward(arrays): (dx, dy)",
                 hint=("dx = dout · y、dy = dout · x", "dx = dout · y, dy = dout · x"))
    assert_close(add.forward(x, y), [4.0, -1.5, -3.5], func="layers.AddLayer.forward(arrays)")
    assert_close(add.backward(np.array([0.5, -1.0, 2.0])), [[0.5, -1.0, 2.0], [0.5, -1.0, 2.0]],
                 func="layers.AddLayer.backward(arrays): (dx, dy)",
                 hint=("加算ノードは勾配をそのまま流します", "an addition node passes the gradient on unchanged"))


def test_relu(submission):
    relu = submission.layers.Relu()
    x = np.array([[1.0, -0.5], [-2.0, 3.0]])
    called = submission.call_and_read_args(relu.forward, x)
    assert_close(called.value, [[1.0, 0.0], [0.0, 3.0]], func="layers.Relu.forward")
    assert_close(called.args[0], [[1.0, -0.5], [-2.0, 3.0]], rtol=0, func="layers.Relu.forward: x afterwards",
                 hint=("x を書き換えず、x.copy() に 0 を入れます", "leave x alone: write the zeros into x.copy()"))
    dout = np.array([[0.5, 0.5], [-1.0, -1.0]])
    assert_close(relu.backward(dout), [[0.5, 0.0], [0.0, -1.0]], func="layers.Relu.backward",
                 hint=("x > 0 だった場所だけ dout を通します(dout の符号は関係ありません)",
                       "pass dout only where x was > 0 (the sign of dout does not matter)"))


def test_sigmoid(submission):
    sig = submission.layers.Sigmoid()
    out = sig.forward(np.array([[0.0, 2.0], [-1.0, 0.5]]))
    assert_close(out, [[0.5, 0.8807970779778823], [0.2689414213699951, 0.6224593312018546]], rtol=1e-12,
                 func="layers.Sigmoid.forward")
    dx = sig.backward(np.array([[1.0, -2.0], [0.5, 3.0]]))
    assert_close(dx, [[0.25, -0.209987170807], [0.098305966621, 0.705011136605]], rtol=1e-9,
                 func="layers.Sigmoid.backward", hint=("dout · y(1 - y)、y は forward の出力", "dout · y(1 - y), y forward's output"))


def test_affine_batch(submission):
    W = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])  # (out=2, in=3)
    b = np.array([0.5, -0.5])
    x = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5], [-1.0, 0.5, 2.0]])  # (N=3, in=3)
    layer = submission.layers.Affine(W, b)
    assert_close(layer.forward(x), [[1.0, 0.5], [0.75, 2.0], [-0.5, -1.0]], func="layers.Affine.forward (N=3)",
                 hint=AFFINE_HINT)
    dx = layer.backward(np.array([[1.0, -1.0], [0.5, 2.0], [-0.5, 0.5]]))
    assert_close(dx, [[1.0, -5.0, 1.5], [0.5, 5.0, -1.75], [-0.5, 2.5, -0.75]], func="layers.Affine.backward: dx (N, in)",
                 hint=AFFINE_HINT)
    assert_close(layer.dW, [[2.5, 0.25, -1.75], [2.5, 2.25, 3.0]], func="layers.Affine.backward: dW (out, in)",
                 hint=AFFINE_HINT)
    assert_close(layer.db, [1.0, 1.5], func="layers.Affine.backward: db (out,)",
                 hint=("b はバッチの全サンプルに足されたので、db はバッチ方向の和", "b was added to every sample: db sums over the batch"))


def test_softmax_with_loss(submission):
    layer = submission.layers.SoftmaxWithLoss()
    x = np.array([[0.3, 2.9, 4.0], [1.0, -1.0, 0.5]])
    for t in (np.array([2, 0]), np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])):
        kind = "labels" if t.ndim == 1 else "one-hot"
        loss = layer.forward(x, t)
        assert_close(loss, 0.4303355372542059, rtol=0, atol=1e-6, func=f"layers.SoftmaxWithLoss.forward (N=2, t as {kind})",
                     hint=("softmax のあと、正解の確率の -log をバッチで平均", "softmax, then the mean of -log of the correct probability"))
        assert_close(layer.backward(), [[0.009105636648, 0.122595906468, -0.131701543115],
                                        [-0.212951503516, 0.038847789574, 0.174103713942]],
                     rtol=1e-8, atol=1e-12, func=f"layers.SoftmaxWithLoss.backward() (t as {kind})", hint=SOFTMAX_HINT)
    assert_close(layer.backward(2.5), [[0.022764091619, 0.306489766169, -0.329253857788],
                                       [-0.53237875879, 0.097119473936, 0.435259284855]],
                 rtol=1e-8, atol=1e-12, func="layers.SoftmaxWithLoss.backward(2.5)",
                 hint=("上流の勾配 dout を掛けます", "multiply by the upstream gradient dout"))


def test_softmax_with_loss_large_scores(submission):
    layer = submission.layers.SoftmaxWithLoss()
    loss = layer.forward(np.array([[1000.0, 990.0, 1010.0], [-3.0, 997.0, 1000.0]]), np.array([2, 2]))
    assert_close(loss, 0.024316376267, rtol=0, atol=1e-6, func="layers.SoftmaxWithLoss.forward (scores near 1000)",
                 hint=("softmax では最大値を引いてから exp を取ります", "subtract the maximum before exp in softmax"))
    assert_close(layer.backward(), [[2.2698934e-05, 1.031e-09, -2.2699965e-05], [0.0, 0.023712936589, -0.023712936589]],
                 rtol=1e-6, atol=1e-12, func="layers.SoftmaxWithLoss.backward (scores near 1000)", hint=SOFTMAX_HINT)
