"""自己チェック: 誤差逆伝播法のレイヤ / Self-check: backpropagation layers."""
import numpy as np

from autograder.checks import assert_close


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


def test_add_layer(submission):
    add = submission.layers.AddLayer()
    assert_close(add.forward(200, 450), 650.0, func="layers.AddLayer.forward(200, 450)")
    assert_close(add.backward(1.1), [1.1, 1.1], rtol=1e-12, func="layers.AddLayer.backward(1.1)",
                 hint=("加算ノードは勾配をそのまま流します", "an addition node passes the gradient on unchanged"))


def test_relu(submission):
    relu = submission.layers.Relu()
    x = np.array([[1.0, -0.5], [-2.0, 3.0]])
    assert_close(relu.forward(x), [[1.0, 0.0], [0.0, 3.0]], func="layers.Relu.forward")
    dout = np.array([[0.5, 0.5], [-1.0, -1.0]])
    assert_close(relu.backward(dout), [[0.5, 0.0], [0.0, -1.0]], func="layers.Relu.backward",
                 hint=("x > 0 だった場所だけ dout を通します(dout の符号は関係ありません)",
                       "pass dout only where x was > 0 (the sign of dout does not matter)"))


def test_sigmoid(submission):
    sig = submission.layers.Sigmoid()
    assert_close(sig.forward(np.array([0.0])), [0.5], func="layers.Sigmoid.forward(0)")
    assert_close(sig.backward(np.array([1.0])), [0.25], rtol=1e-12, func="layers.Sigmoid.backward at x = 0",
                 hint=("y(1 - y) を掛けます", "multiply by y(1 - y)"))


def test_affine(submission):
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # (out=2, in=3)
    b = np.array([0.5, -0.5])
    x = np.array([[1.0, 0.0, -1.0]])  # (N=1, in=3)
    layer = submission.layers.Affine(W, b)
    assert_close(layer.forward(x), [[-1.5, -2.5]], func="layers.Affine.forward",
                 hint=("x @ W.T + b です(W は (out, in))", "it is x @ W.T + b (W is (out, in))"))
    dx = layer.backward(np.array([[1.0, 1.0]]))
    assert_close(dx, [[5.0, 7.0, 9.0]], func="layers.Affine.backward: dx",
                 hint=("dx の形は x と同じ (N, in)", "dx is shaped like x, (N, in)"))
    assert_close(layer.dW, [[1.0, 0.0, -1.0], [1.0, 0.0, -1.0]], func="layers.Affine.backward: dW",
                 hint=("dW の形は W と同じ (out, in)", "dW is shaped like W, (out, in)"))
    assert_close(layer.db, [1.0, 1.0], func="layers.Affine.backward: db")


def test_softmax_with_loss(submission):
    layer = submission.layers.SoftmaxWithLoss()
    x = np.array([[0.3, 2.9, 4.0]])
    t = np.array([[0.0, 0.0, 1.0]])
    loss = layer.forward(x, t)
    assert_close(loss, 0.30571433, rtol=1e-5, func="layers.SoftmaxWithLoss.forward",
                 hint=("softmax のあと交差エントロピー誤差", "softmax, then the cross-entropy error"))
    assert_close(layer.backward(), [[0.01821127, 0.24519181, -0.26340309]], rtol=1e-6,
                 func="layers.SoftmaxWithLoss.backward()",
                 hint=("(y - t) / バッチサイズ", "(y - t) / batch size"))
