"""Hidden suite: numpy_basics (matmul written with loops, np.dot semantics; the course 000:291-540).

Every expected value is computed by the judge (NumPy's own product) before the student's code runs.
"""
import numpy as np
import pytest

from autograder.bridge import NotStarted, SubmissionError
from autograder.checks import assert_close, assert_that, fail, likely

LOOP_HINT = ("結果の (i, j) 成分は A の i 行目と B の j 列目の積の和です",
             "entry (i, j) is the sum of products of row i of A and column j of B")
SHAPE_HINT = ("np.dot と同じ形: (n,k)·(k,m) → (n,m)、(n,k)·(k,) → (n,)、(k,)·(k,m) → (m,)",
              "np.dot's shapes: (n,k)·(k,m) → (n,m), (n,k)·(k,) → (n,), (k,)·(k,m) → (m,)")
RAISE_HINT = ("計算の前に A の最後の次元と B の最初の次元を比べ、違えば raise ValueError(...)",
              "before computing, compare A's last dimension with B's first; raise ValueError(...) when they differ")
# 000:504-508: X = np.array([[1,3], [5,7], [9,11]]), y = np.array([11,22]) (ints, as the course writes them)
COURSE_MATRIX = ((1, 3), (5, 7), (9, 11))
COURSE_VECTOR = (11, 22)


VECTOR_LEFT_HINT = ("左の 1 次元の v は行ベクトル (1, k) として扱い、(k,)·(k, m) → (m,)(np.dot と同じ)",
                    "a 1-D v on the left acts as a row (1, k): (k,)·(k, m) → (m,), as np.dot does")
RAISED = ("送出された例外", "raised")


def _expect_value_error(submission, A, B, label):
    try:
        got = submission.numpy_basics.matmul(A, B)
    except ValueError:
        return
    except SubmissionError as exc:
        if isinstance(exc, NotStarted):
            raise
        fail(f"numpy_basics.matmul{label}", expected="ValueError", got=str(exc), came_back=RAISED, describe=True,
             problem=(f"形が合わないときは ValueError です({exc.type_name} ではなく)",
                      f"mismatched shapes raise ValueError (not {exc.type_name})"), hint=RAISE_HINT,
             causes=[("assert は AssertionError を出します: if ...: raise ValueError(...) と書きます",
                      "assert raises AssertionError: write if ...: raise ValueError(...)")]
             if exc.type_name == "AssertionError" else ())
    fail(f"numpy_basics.matmul{label}", expected="ValueError", got=got, hint=RAISE_HINT,
         problem=("形が合わないのに ValueError が出ませんでした", "shapes do not match but no ValueError was raised"))


def _matmul(submission, A, B, func, hint):
    """matmul(A, B) on shapes that fit: a ValueError there fails with words of its own (and the
    student's exception, file and line)."""
    try:
        return submission.numpy_basics.matmul(A, B)
    except ValueError as exc:
        fail(func, expected=f"np.dot と同じ形 {np.dot(A, B).shape} の結果 / np.dot's result, shape {np.dot(A, B).shape}",
             got=str(exc), came_back=RAISED, describe=True, hint=hint,
             problem=("形は合っているのに ValueError が出ました", "the shapes fit, yet a ValueError was raised"))


def matmul_mistakes(A, B):
    """Known mistakes: A·Bᵀ, B·v for a vector on the left, a column (n, 1) for matrix·vector, an int result."""
    A, B = np.asarray(A), np.asarray(B)
    found = [likely(lambda got: np.asarray(got).dtype.kind in "iu" and np.result_type(A, B).kind == "f",
                    "結果が整数の配列です(小数が切り捨てられています)。結果の配列の dtype を確認",
                    "the result is an integer array (fractions were cut off); check the result's dtype")]
    if A.ndim == 2 and B.ndim == 2 and A.shape[1] == B.shape[1]:
        found.append(likely(A @ B.T, "A·Bᵀ の値です: B の行ではなく列と掛けます(C[i, j] += A[i, p] * B[p, j])",
                            "this is A·Bᵀ: multiply by the columns of B, not its rows (C[i, j] += A[i, p] * B[p, j])"))
    if A.ndim == 1 and B.ndim == 2 and B.shape[1] == A.shape[0]:
        found.append(likely(B @ A, "B·v の値です: ベクトルが左なら v·B です(v を行ベクトル (1, k) として)",
                            "this is B·v: with the vector on the left it is v·B (v as a row (1, k))"))
    if A.ndim == 2 and B.ndim == 1:
        found.append(likely((A @ B).reshape(-1, 1), "行列·ベクトルが列 (n, 1) になっています: 1 次元の B なら結果は (n,)",
                            "matrix·vector came back as a column (n, 1); with a 1-D B the result is (n,)"))
    return found


def test_matmul_course_matrix_vector(submission):
    A, v = np.array(COURSE_MATRIX), np.array(COURSE_VECTOR)
    expected = np.dot(A, v)      # [77, 209, 341] (000:298)
    func = "numpy_basics.matmul([[1,3],[5,7],[9,11]], [11,22])"
    got = _matmul(submission, A, v, func, SHAPE_HINT)
    assert_close(got, expected, rtol=0, func=func, hint=SHAPE_HINT, likely=matmul_mistakes(A, v))
    A, v = A.astype(np.float64), v.astype(np.float64)
    expected = np.dot(A, v)
    func = "numpy_basics.matmul([[1.,3.],[5.,7.],[9.,11.]], [11.,22.])"
    got = _matmul(submission, A, v, func, SHAPE_HINT)
    assert_close(got, expected, rtol=1e-12, func=func, hint=SHAPE_HINT, likely=matmul_mistakes(A, v))


def test_matmul_course_vector_matrix_raises(submission):
    # 000:517-523: np.dot(y, X) with the vector first fails: (2,) and (3, 2) are not aligned
    _expect_value_error(submission, np.array(COURSE_VECTOR), np.array(COURSE_MATRIX),
                        "([11,22], [[1,3],[5,7],[9,11]]): (2,)·(3,2)")


def test_matmul_integer_inputs(submission):
    A = np.array([[1, 3], [5, 7], [9, 11]])
    B = np.array([[11, 0, -1], [22, 1, 2]])
    expected = A @ B
    func = "numpy_basics.matmul(int (3,2), int (2,3))"
    got = _matmul(submission, A, B, func, LOOP_HINT)
    assert_close(got, expected, rtol=0, func=func, hint=LOOP_HINT, likely=matmul_mistakes(A, B))


@pytest.mark.parametrize("n, k, m", [(2, 3, 4), (4, 3, 2), (1, 5, 1), (3, 3, 3), (1, 1, 1)])
def test_matmul_matrix_matrix_random(submission, n, k, m):
    rng = np.random.default_rng(10 * n + k + m)
    A, B = rng.normal(size=(n, k)), rng.normal(size=(k, m))
    expected = A @ B
    func = f"numpy_basics.matmul(({n},{k}), ({k},{m}))"
    got = _matmul(submission, A, B, func, LOOP_HINT)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=func, hint=LOOP_HINT, likely=matmul_mistakes(A, B))


@pytest.mark.parametrize("n, k", [(3, 4), (1, 2), (5, 1)])
def test_matmul_matrix_vector_random(submission, n, k):
    rng = np.random.default_rng(100 + n * k)
    A, v = rng.normal(size=(n, k)), rng.normal(size=k)
    expected = A @ v
    func = f"numpy_basics.matmul(({n},{k}), ({k},))"
    got = _matmul(submission, A, v, func, SHAPE_HINT)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=func, hint=SHAPE_HINT, likely=matmul_mistakes(A, v))


@pytest.mark.parametrize("k, m", [(4, 3), (2, 5), (3, 1)])
def test_matmul_vector_matrix_random(submission, k, m):
    rng = np.random.default_rng(200 + k * m)
    v, B = rng.normal(size=k), rng.normal(size=(k, m))
    expected = v @ B
    func = f"numpy_basics.matmul(({k},), ({k},{m}))"
    got = _matmul(submission, v, B, func, VECTOR_LEFT_HINT)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=func, hint=VECTOR_LEFT_HINT, likely=matmul_mistakes(v, B))


def test_matmul_large_and_negative_values(submission):
    A = np.array([[1e150, -2e150], [-3.5, 4.25]])
    B = np.array([[1e150, 0.0], [1e150, -1.0]])
    expected = A @ B
    func = "numpy_basics.matmul (large and negative values)"
    got = _matmul(submission, A, B, func, LOOP_HINT)
    assert_close(got, expected, rtol=1e-12, func=func, hint=LOOP_HINT, likely=matmul_mistakes(A, B))


def test_matmul_mixed_int_float_not_truncated(submission):
    A = np.array([[1, 2], [3, 4]])                  # ints
    B = np.array([[0.5, 0.25], [0.1, -0.75]])      # floats
    v = np.array([1, 2])
    expected, expected_v = A @ B, v @ B
    hint = ("結果の配列を int で作ると小数が切り捨てられます。dtype を確認",
            "a result array made with an int dtype truncates fractions; check its dtype")
    func = "numpy_basics.matmul(int (2,2), float (2,2))"
    got = _matmul(submission, A, B, func, hint)
    assert_close(got, expected, rtol=1e-12, func=func, hint=hint, likely=matmul_mistakes(A, B))
    func = "numpy_basics.matmul(int (2,), float (2,2))"
    got = _matmul(submission, v, B, func, hint)
    assert_close(got, expected_v, rtol=1e-12, func=func, hint=hint, likely=matmul_mistakes(v, B))


@pytest.mark.parametrize("shape_a, shape_b", [((2, 3), (2, 3)), ((3, 2), (3, 2)), ((2, 3), (4, 2)),
                                              ((2, 3), (2,)), ((4,), (3, 4)), ((1, 2), (3, 1))])
def test_matmul_mismatched_shapes_raise(submission, shape_a, shape_b):
    rng = np.random.default_rng(7)
    _expect_value_error(submission, rng.normal(size=shape_a), rng.normal(size=shape_b), f": {shape_a}·{shape_b}")


def test_matmul_leaves_inputs_unchanged(submission):
    rng = np.random.default_rng(5)
    hint = ("入力の配列を書き換えないでください(A.shape = ... や A[...] = ... も書き換えです)",
            "do not modify the input arrays (A.shape = ... and A[...] = ... both do)")
    for A0, B0 in ((rng.normal(size=(3, 2)), rng.normal(size=(2, 4))),
                   (rng.normal(size=(2, 3)), rng.normal(size=3)),
                   (rng.normal(size=4), rng.normal(size=(4, 2)))):
        label = f"{A0.shape}·{B0.shape}"
        expected = A0 @ B0
        called = submission.call_and_read_args(submission.numpy_basics.matmul, A0.copy(), B0.copy())
        A, B = called.args
        assert_close(called.value, expected, rtol=1e-10, atol=1e-12, func=f"numpy_basics.matmul {label}",
                     hint=LOOP_HINT, likely=matmul_mistakes(A0, B0))
        for name, after, before in (("A", A, A0), ("B", B, B0)):
            assert_close(after, before, rtol=0, func=f"numpy_basics.matmul {label}: {name}", hint=hint,
                         came_back="input",
                         likely=[likely(lambda got: np.shape(got) != before.shape and np.size(got) == before.size,
                                        f"入力 {name} の形が変わっています({name}.shape = ... は呼び出し元の配列を変形します)。"
                                        f"{name}.reshape(...) なら新しい配列です",
                                        f"your input {name} changed shape ({name}.shape = ... reshapes the caller's array); "
                                        f"{name}.reshape(...) makes a new one")])


def test_matmul_returns_array(submission):
    expected = np.array([[11.0]])
    got = submission.numpy_basics.matmul(np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]]))
    assert_that(isinstance(got, np.ndarray), func="numpy_basics.matmul([[1, 2]], [[3], [4]])",
                problem=("NumPy 配列を返してください(リストではなく)", "return a NumPy array (not a list)"),
                expected="array([[11.]])", got=got, hint=("np.zeros で結果を用意します", "prepare the result with np.zeros"),
                likely=[likely(lambda got: isinstance(got, list), "Python のリストが返っています: np.zeros で作った配列に書き込みます",
                               "a Python list came back: fill an array made with np.zeros")])
    assert_close(got, expected, rtol=1e-12, func="numpy_basics.matmul([[1, 2]], [[3], [4]])", hint=SHAPE_HINT)
