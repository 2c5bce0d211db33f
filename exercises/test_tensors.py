"""自己チェック: PyTorch のテンソル / Self-check: PyTorch tensors (lecture 001:2461-2654, 3156-3253)."""
import numpy as np
import torch

from autograder.checks import assert_close, assert_that


def test_make_tensors(submission):
    zeros, ones, t = submission.tensors.make_tensors(10, 20, [1, 2, 3])     # 001:2509-2514
    assert_close(zeros, np.zeros((10, 20)), rtol=0, func="tensors.make_tensors(10, 20, [1, 2, 3]): zeros")
    assert_close(ones, np.ones((10, 20)), rtol=0, func="tensors.make_tensors(10, 20, [1, 2, 3]): ones")
    assert_close(t, [1.0, 2.0, 3.0], rtol=0, func="tensors.make_tensors(10, 20, [1, 2, 3]): t")
    for name, value in (("zeros", zeros), ("ones", ones), ("t", t)):
        assert_that(np.asarray(value).dtype == np.float32, func=f"tensors.make_tensors: {name}.dtype",
                    problem=("float32 ではありません", "not float32"), expected="float32", got=np.asarray(value).dtype,
                    hint=("dtype=torch.float32 を指定します", "pass dtype=torch.float32"))


def test_elementwise(submission):
    got = submission.tensors.elementwise(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0]))
    for name, value, wanted in zip(("x + y", "x - y", "x * y", "x / y"), got,
                                   ([3, 6, 9], [-1, -2, -3], [2, 8, 18], [0.5, 0.5, 0.5])):
        assert_close(value, wanted, rtol=1e-6, func=f"tensors.elementwise: {name}",
                     hint=("/ は小数の割り算(// ではありません)", "/ divides exactly (not //)"))


def test_products(submission):
    A, B = torch.tensor([[1, 2], [3, 4]]), torch.tensor([[-1, 1], [5, 6]])
    elementwise, matmul = submission.tensors.products(A, B)
    assert_close(elementwise, [[-1, 2], [15, 24]], rtol=0, func="tensors.products: A * B")
    assert_close(matmul, [[9, 13], [17, 27]], rtol=0, func="tensors.products: torch.matmul(A, B)",
                 hint=("A の行と B の列の内積。A * B ではありません", "rows of A against columns of B; not A * B"))


def test_broadcast_ops(submission):
    A = torch.tensor([[1, 2], [3, 4]])
    times, plus, by_vector = submission.tensors.broadcast_ops(A, torch.tensor([10, 20]), 10)
    assert_close(times, [[10, 20], [30, 40]], rtol=0, func="tensors.broadcast_ops: A * 10")
    assert_close(plus, [[11, 12], [13, 14]], rtol=0, func="tensors.broadcast_ops: A + 10")
    assert_close(by_vector, [[10, 40], [30, 80]], rtol=0, func="tensors.broadcast_ops: A * [10, 20]",
                 hint=("[10, 20] がすべての行に使われます", "[10, 20] is used for every row"))


def test_flat_pick_and_greater_than(submission):
    X = torch.tensor([[10, 40], [15, 30], [1, 0]])
    assert_close(submission.tensors.flat_pick(X, torch.tensor([0, 2, 4])), [10, 15, 1], rtol=0,
                 func="tensors.flat_pick(X, [0, 2, 4])", hint=("X.flatten() してから", "flatten X first"))
    assert_close(submission.tensors.greater_than(X, 20), [40, 30], rtol=0, func="tensors.greater_than(X, 20)",
                 hint=("X > 20 は印、X[X > 20] が要素です", "X > 20 is the mask; X[X > 20] the elements"))


def test_relu_and_mse(submission):
    relu, mse = submission.tensors.relu_and_mse(torch.tensor([1.5, -2.0]), torch.tensor([0.75, -1.0]))
    assert_close(relu, [1.5, 0.0], rtol=1e-6, func="tensors.relu_and_mse: relu")
    assert_close(mse, (0.75 ** 2 + 1.0) / 2, rtol=1e-6, func="tensors.relu_and_mse: mse_loss",
                 hint=("(x1 - x2)² の平均(1/2 なし)", "the mean of (x1 - x2)² (no 1/2)"))


def test_mylinear(submission):
    W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    layer = submission.tensors.MyLinear(W, torch.tensor([0.0, 1.0]))
    assert_that(submission.helper("parameter_count", layer) == 8, func="tensors.MyLinear: パラメータ数 / parameters",
                problem=("W と b が torch.nn.Parameter になっていません", "W and b are not torch.nn.Parameter"),
                hint=("self.W = torch.nn.Parameter(W)", "self.W = torch.nn.Parameter(W)"))
    got = submission.helper("model_outputs", layer, np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 2.0]]))
    assert_close(got, [[6.0, 16.0], [6.0, 13.0]], rtol=1e-6, func="tensors.MyLinear.forward",
                 hint=("x @ self.W.T + self.b", "x @ self.W.T + self.b"))
