"""Hidden suite: tensors (creating tensors, operations, broadcasting, indexing, F.relu / F.mse_loss,
nn.Parameter in a Module; lecture 001:2461-2654, 3156-3253).

Tensors are sent as torch tensors and come back as NumPy arrays. torch is the oracle: each
expected value is computed here with torch before the submission is called. Integer results are
compared exactly, float32 results with rtol=1e-6 (float32 rounding), and dtypes where the lecture
fixes them (float32 tensors from make_tensors, true division from /).
"""
import numpy as np
import torch
import torch.nn.functional as F

from autograder.checks import assert_close, assert_that, likely, show

# 講義 / lecture 001:2576-2591, 2604-2616, 2635-2653
A_COURSE = torch.tensor([[1, 2], [3, 4]])
B_COURSE = torch.tensor([[-1, 1], [5, 6]])
X_COURSE = torch.tensor([[10, 40], [15, 30], [1, 0]])
F32 = dict(rtol=1e-6, atol=1e-7)

MAKE_HINT = ("torch.zeros((rows, cols), dtype=torch.float32) など。整数のリストも dtype=torch.float32 で実数に",
             "torch.zeros((rows, cols), dtype=torch.float32) and so on; dtype=torch.float32 makes ints real numbers")
ELEMENTWISE_HINT = ("+, -, *, / はどれも要素ごと。/ は小数の割り算(// は切り捨て)",
                    "+, -, *, / all work element by element; / divides exactly (// rounds down)")
PRODUCTS_HINT = ("要素ごとの積は A * B、行列の積は torch.matmul(A, B)(A が左)",
                 "the element-wise product is A * B, the matrix product torch.matmul(A, B) (A on the left)")
BROADCAST_HINT = ("A * b では形 (N,) の b がすべての行に使われます(各行の同じ列に同じ値)",
                  "in A * b the vector b of shape (N,) is used for every row (the same value down each column)")
PICK_HINT = ("X.flatten() で 1 次元にしてから [idx]", "flatten X first (X.flatten()), then index with idx")
GREATER_HINT = ("flat = X.flatten(); flat[flat > threshold](印ではなく要素を返します)",
                "flat = X.flatten(); flat[flat > threshold] (return the elements, not the mask)")
MSE_HINT = ("F.mse_loss は (x1 - x2)² の平均です(1/2 は付きません)", "F.mse_loss is the mean of (x1 - x2)² (no 1/2)")
LINEAR_HINT = ("super().__init__() の後で self.W = torch.nn.Parameter(W)、self.b = torch.nn.Parameter(b)",
               "after super().__init__(): self.W = torch.nn.Parameter(W) and self.b = torch.nn.Parameter(b)")
FORWARD_HINT = ("W は (out, in) なので x @ self.W.T + self.b", "W is (out, in): x @ self.W.T + self.b")


def _tuple(got, n, func, what):
    __tracebackhide__ = True
    assert_that(isinstance(got, (tuple, list)) and len(got) == n, func=func,
                problem=(f"{what} の {n} つを返してください", f"return the {n} values {what}"), expected=what, got=got)
    return got


def _assert_dtype(got, dtype, func, hint):
    __tracebackhide__ = True
    arr = np.asarray(got)
    assert_that(arr.dtype == dtype, func=func, problem=("dtype が違います", "wrong dtype"),
                expected=str(dtype), got=f"{arr.dtype}: {show(arr)}", hint=hint,
                likely=[likely(np.issubdtype(arr.dtype, np.integer),
                               f"整数 ({arr.dtype}) のテンソルです: 整数のリストから作ると整数になります",
                               f"this is an integer ({arr.dtype}) tensor: a list of ints gives ints unless a dtype is given")])


# -- make_tensors ---------------------------------------------------------------------------

def _check_made(got, rows, cols, values, func):
    __tracebackhide__ = True
    zeros, ones, t = _tuple(got, 3, func, "(zeros, ones, t)")
    expected = torch.tensor(values, dtype=torch.float32).numpy()
    for name, value, wanted in (("zeros", zeros, np.zeros((rows, cols))), ("ones", ones, np.ones((rows, cols))),
                                ("t", t, expected)):
        assert_close(value, wanted, rtol=0, func=f"{func}: {name}", hint=MAKE_HINT)
        _assert_dtype(value, np.float32, f"{func}: {name}", MAKE_HINT)


def test_make_tensors_course_example(submission):
    got = submission.tensors.make_tensors(10, 15, [1.0, 2.0, 3.0])
    _check_made(got, 10, 15, [1.0, 2.0, 3.0], "tensors.make_tensors(10, 15, [1.0, 2.0, 3.0])")


def test_make_tensors_from_ints_and_nested_lists(submission):
    for rows, cols, values in ((10, 20, [1, 2, 3]), (2, 3, [[1, 2, 3], [4, 5, 6]]), (1, 1, [[-0.5], [2]])):
        got = submission.tensors.make_tensors(rows, cols, values)
        _check_made(got, rows, cols, values, f"tensors.make_tensors({rows}, {cols}, {values})")


# -- elementwise ----------------------------------------------------------------------------

def _check_elementwise(submission, x, y, func):
    __tracebackhide__ = True
    expected = [v.numpy() for v in (x + y, x - y, x * y, x / y)]
    floor = (x // y).numpy()
    got = _tuple(submission.tensors.elementwise(x, y), 4, func, "(x + y, x - y, x * y, x / y)")
    for name, value, wanted in zip(("x + y", "x - y", "x * y", "x / y"), got, expected):
        causes = [likely(floor, "x / y が切り捨ての割り算 x // y の結果です", "x / y gives what the floor division x // y gives")] \
            if name == "x / y" else []
        assert_close(value, wanted, **F32, func=f"{func}: {name}", hint=ELEMENTWISE_HINT, likely=causes)


def test_elementwise_course_example(submission):
    x, y = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0])
    _check_elementwise(submission, x, y, "tensors.elementwise([1., 2., 3.], [2., 4., 6.])")


def test_elementwise_other_tensors(submission):
    rng = np.random.default_rng(160)
    _check_elementwise(submission, torch.tensor(rng.normal(size=(3, 4)), dtype=torch.float32),
                       torch.tensor(rng.uniform(0.5, 2.0, size=(3, 4)), dtype=torch.float32),
                       "tensors.elementwise(float32 (3, 4))")
    x, y = torch.tensor([7, -7, 9]), torch.tensor([2, 2, 4])
    _check_elementwise(submission, x, y, "tensors.elementwise([7, -7, 9], [2, 2, 4])")
    got = submission.tensors.elementwise(x, y)[3]
    assert_close(got, [3.5, -3.5, 2.25], rtol=0, func="tensors.elementwise: [7, -7, 9] / [2, 2, 4]",
                 hint=("/ は整数どうしでも 3.5 のような小数になります", "/ gives 3.5 even for ints"))


# -- products -------------------------------------------------------------------------------

def test_products_course_example(submission):
    got = _tuple(submission.tensors.products(A_COURSE, B_COURSE), 2, "tensors.products", "(A * B, matmul(A, B))")
    assert_close(got[0], [[-1, 2], [15, 24]], rtol=0, func="tensors.products(A, B): A * B", hint=PRODUCTS_HINT)
    assert_close(got[1], [[9, 13], [17, 27]], rtol=0, func="tensors.products(A, B): torch.matmul(A, B)",
                 hint=PRODUCTS_HINT, likely=_product_mistakes(A_COURSE, B_COURSE))


def test_products_other_shapes(submission):
    rng = np.random.default_rng(161)
    for n in (3, 4):
        A = torch.tensor(rng.normal(size=(n, n)), dtype=torch.float32)
        B = torch.tensor(rng.normal(size=(n, n)), dtype=torch.float32)
        expected = (A * B).numpy(), torch.matmul(A, B).numpy()
        func = f"tensors.products(A ({n}, {n}), B ({n}, {n}))"
        elementwise, matmul = _tuple(submission.tensors.products(A, B), 2, func, "(A * B, matmul(A, B))")
        assert_close(elementwise, expected[0], **F32, func=func + ": A * B", hint=PRODUCTS_HINT)
        assert_close(matmul, expected[1], rtol=1e-5, atol=1e-6, func=func + ": torch.matmul(A, B)", hint=PRODUCTS_HINT,
                     likely=_product_mistakes(A, B))


def _product_mistakes(A, B):
    return [likely((A * B).numpy(), "* は要素ごとの積です: 行列の積は torch.matmul(A, B)",
                   "* is the element-wise product; the matrix product is torch.matmul(A, B)"),
            likely(torch.matmul(B, A).numpy(), "torch.matmul(B, A) の順になっています: A が左、B が右",
                   "this is torch.matmul(B, A); A goes on the left, B on the right")]


# -- broadcast_ops --------------------------------------------------------------------------

def test_broadcast_ops_course_example(submission):
    got = _tuple(submission.tensors.broadcast_ops(A_COURSE, torch.tensor([10, 20]), 10), 3,
                 "tensors.broadcast_ops", "(A * s, A + s, A * b)")
    for name, value, wanted in zip(("A * 10", "A + 10", "A * b"), got,
                                   ([[10, 20], [30, 40]], [[11, 12], [13, 14]], [[10, 40], [30, 80]])):
        causes = [likely((A_COURSE * torch.tensor([10, 20]).reshape(-1, 1)).numpy(),
                         "b を列 (N, 1) にして、各行を 1 つの値で掛けています: b は形 (N,) のまま A * b",
                         "b is used as a column (N, 1), multiplying each row by one value; keep b of shape (N,): A * b")] \
            if name == "A * b" else []
        assert_close(value, wanted, rtol=0, func=f"tensors.broadcast_ops(A, [10, 20], 10): {name}", hint=BROADCAST_HINT,
                     likely=causes)


def test_broadcast_ops_other_shapes(submission):
    rng = np.random.default_rng(162)
    A = torch.tensor(rng.normal(size=(3, 4)), dtype=torch.float32)
    b = torch.tensor(rng.normal(size=4), dtype=torch.float32)
    expected = [v.numpy() for v in (A * -2.5, A + -2.5, A * b)]
    got = _tuple(submission.tensors.broadcast_ops(A, b, -2.5), 3, "tensors.broadcast_ops", "(A * s, A + s, A * b)")
    for name, value, wanted in zip(("A * s", "A + s", "A * b"), got, expected):
        assert_close(value, wanted, **F32, func=f"tensors.broadcast_ops(A (3, 4), b (4,), -2.5): {name}",
                     hint=BROADCAST_HINT)


# -- flat_pick / greater_than ---------------------------------------------------------------

def test_flat_pick_course_example(submission):
    got = submission.tensors.flat_pick(X_COURSE, torch.tensor([0, 2, 4]))
    assert_close(got, [10, 15, 1], rtol=0, func="tensors.flat_pick(X, [0, 2, 4])", hint=PICK_HINT)


def test_flat_pick_other_tensors(submission):
    X = torch.arange(24).reshape(2, 3, 4) * 3 - 20
    for idx in ([23, 0, 5, 5], [7], [-1, 12]):
        index = torch.tensor(idx)
        expected = X.flatten()[index].numpy()
        got = submission.tensors.flat_pick(X, index)
        assert_close(got, expected, rtol=0, func=f"tensors.flat_pick(X (2, 3, 4), {idx})", hint=PICK_HINT)


def test_greater_than_course_example(submission):
    got = submission.tensors.greater_than(X_COURSE, 20)
    assert_close(got, [40, 30], rtol=0, func="tensors.greater_than(X, 20)", hint=GREATER_HINT)


def test_greater_than_other_tensors(submission):
    X = torch.tensor(np.random.default_rng(163).normal(size=(4, 5)), dtype=torch.float32)
    for threshold in (0.5, -0.25):
        expected = X.flatten()[X.flatten() > threshold].numpy()
        got = submission.tensors.greater_than(X, threshold)
        assert_close(got, expected, rtol=0, func=f"tensors.greater_than(X (4, 5), {threshold})", hint=GREATER_HINT)
    got = submission.tensors.greater_than(X_COURSE, 100)
    assert_close(got, np.zeros(0), rtol=0, func="tensors.greater_than(X, 100) (なし / none)", hint=GREATER_HINT)


def _MSE_HALF(mse):
    return likely(np.float64(mse) / 2, "1/2 が付いています(講義の 1/(2N) の損失): F.mse_loss は (x1 - x2)² の平均そのもの",
                  "this has a factor 1/2 (the lecture's 1/(2N) loss); F.mse_loss is the plain mean of (x1 - x2)²")


# -- relu_and_mse ---------------------------------------------------------------------------

def test_relu_and_mse_course_example(submission):
    got = _tuple(submission.tensors.relu_and_mse(torch.tensor(1.5), torch.tensor(0.75)), 2,
                 "tensors.relu_and_mse", "(relu(x1), mse_loss(x1, x2))")
    assert_close(got[0], 1.5, **F32, func="tensors.relu_and_mse(1.5, 0.75): relu", hint=("F.relu(x1)", "F.relu(x1)"))
    assert_close(got[1], 0.5625, **F32, func="tensors.relu_and_mse(1.5, 0.75): mse_loss", hint=MSE_HINT,
                 likely=[_MSE_HALF(0.5625)])


def test_relu_and_mse_tensors(submission):
    rng = np.random.default_rng(164)
    for shape in ((6,), (3, 4)):
        x1 = torch.tensor(rng.normal(size=shape), dtype=torch.float32)
        x2 = torch.tensor(rng.normal(size=shape), dtype=torch.float32)
        relu, mse = F.relu(x1).numpy(), F.mse_loss(x1, x2).numpy()
        got = _tuple(submission.tensors.relu_and_mse(x1, x2), 2, "tensors.relu_and_mse", "(relu(x1), mse_loss(x1, x2))")
        assert_close(got[0], relu, **F32, func=f"tensors.relu_and_mse(shape {shape}): relu",
                     hint=("負の要素だけ 0 になります", "only the negative elements become 0"))
        assert_close(got[1], mse, **F32, func=f"tensors.relu_and_mse(shape {shape}): mse_loss", hint=MSE_HINT,
                     likely=[_MSE_HALF(mse)])


# -- MyLinear -------------------------------------------------------------------------------

def test_mylinear_holds_parameters(submission):
    W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])           # 講義 / lecture 001:3200-3201
    b = torch.tensor([0.5, -0.5])
    layer = submission.tensors.MyLinear(W, b)
    count = submission.helper("parameter_count", layer)
    assert_that(count == 8, func="tensors.MyLinear(W (2, 3), b (2,)): parameters()",
                problem=("PyTorch がパラメータとして認識していません(requires_grad=True だけでは不十分)",
                         "PyTorch does not see the parameters (requires_grad=True alone is not enough)"),
                expected="8 parameters (6 in W, 2 in b)", got=f"{count} parameters", hint=LINEAR_HINT)
    assert_close(layer.W, W.numpy(), rtol=0, func="tensors.MyLinear: self.W", hint=LINEAR_HINT)
    assert_close(layer.b, b.numpy(), rtol=0, func="tensors.MyLinear: self.b", hint=LINEAR_HINT)


def test_mylinear_forward_course_weight(submission):
    W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = torch.tensor([0.5, -0.5])
    x = np.array([[1.0, 0.0, -1.0], [0.5, 0.25, 2.0], [0.0, 0.0, 0.0], [-1.0, 1.0, 1.0]])
    expected = (torch.tensor(x, dtype=torch.float32) @ W.T + b).numpy()
    layer = submission.tensors.MyLinear(W, b)
    got = submission.helper("model_outputs", layer, x)
    assert_close(got, expected, **F32, func="tensors.MyLinear(W (2, 3), b).forward(x (4, 3))", hint=FORWARD_HINT)


def test_mylinear_other_sizes(submission):
    rng = np.random.default_rng(165)
    W = torch.tensor(rng.normal(size=(3, 5)), dtype=torch.float32)
    b = torch.tensor(rng.normal(size=3), dtype=torch.float32)
    layer = submission.tensors.MyLinear(W, b)
    count = submission.helper("parameter_count", layer)
    assert_that(count == 18, func="tensors.MyLinear(W (3, 5), b (3,)): parameters()",
                problem=("パラメータの数が違います", "wrong number of parameters"), expected=18, got=count, hint=LINEAR_HINT)
    for x in (rng.normal(size=(7, 5)), rng.normal(size=5)):
        expected = (torch.tensor(x, dtype=torch.float32) @ W.T + b).numpy()
        got = submission.helper("model_outputs", layer, x)
        assert_close(got, expected, rtol=1e-5, atol=1e-6, func=f"tensors.MyLinear(W (3, 5), b).forward(x {x.shape})",
                     hint=FORWARD_HINT)
