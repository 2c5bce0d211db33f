"""Hidden suite: numpy_basics (matmul written with loops, np.dot semantics; the course 000:291-540).

Every expected value is computed by the judge (NumPy's own product) before the student's code runs.
"""
import numpy as np
import pytest

from autograder.checks import assert_close, assert_that, fail

LOOP_HINT = ("結果の (i, j) 成分は A の i 行目と B の j 列目の積の和です",
             "entry (i, j) is the sum of products of row i of A and column j of B")
SHAPE_HINT = ("np.dot と同じ形: (n,k)·(k,m) → (n,m)、(n,k)·(k,) → (n,)、(k,)·(k,m) → (m,)",
              "np.dot's shapes: (n,k)·(k,m) → (n,m), (n,k)·(k,) → (n,), (k,)·(k,m) → (m,)")
RAISE_HINT = ("計算の前に A の最後の次元と B の最初の次元を比べ、違えば raise ValueError(...)",
              "before computing, compare A's last dimension with B's first; raise ValueError(...) when they differ")
# 000:504-508: X = np.array([[1,3], [5,7], [9,11]]), y = np.array([11,22]) (ints, as the course writes them)
COURSE_MATRIX = ((1, 3), (5, 7), (9, 11))
COURSE_VECTOR = (11, 22)


def _expect_value_error(submission, A, B, label):
    try:
        got = submission.numpy_basics.matmul(A, B)
    except ValueError:
        return
    fail(f"numpy_basics.matmul{label}", expected="ValueError", got=got, hint=RAISE_HINT,
         problem=("形が合わないのに ValueError が出ませんでした", "shapes do not match but no ValueError was raised"))


def test_matmul_course_matrix_vector(submission):
    expected = np.dot(np.array(COURSE_MATRIX), np.array(COURSE_VECTOR))      # [77, 209, 341] (000:298)
    got = submission.numpy_basics.matmul(np.array(COURSE_MATRIX), np.array(COURSE_VECTOR))
    assert_close(got, expected, rtol=0, func="numpy_basics.matmul([[1,3],[5,7],[9,11]], [11,22])", hint=SHAPE_HINT)
    expected = np.dot(np.array(COURSE_MATRIX, dtype=np.float64), np.array(COURSE_VECTOR, dtype=np.float64))
    got = submission.numpy_basics.matmul(np.array(COURSE_MATRIX, dtype=np.float64),
                                         np.array(COURSE_VECTOR, dtype=np.float64))
    assert_close(got, expected, rtol=1e-12, func="numpy_basics.matmul([[1.,3.],[5.,7.],[9.,11.]], [11.,22.])",
                 hint=SHAPE_HINT)


def test_matmul_course_vector_matrix_raises(submission):
    # 000:517-523: np.dot(y, X) with the vector first fails: (2,) and (3, 2) are not aligned
    _expect_value_error(submission, np.array(COURSE_VECTOR), np.array(COURSE_MATRIX),
                        "([11,22], [[1,3],[5,7],[9,11]]): (2,)·(3,2)")


def test_matmul_integer_inputs(submission):
    A = np.array([[1, 3], [5, 7], [9, 11]])
    B = np.array([[11, 0, -1], [22, 1, 2]])
    expected = A @ B
    got = submission.numpy_basics.matmul(A, B)
    assert_close(got, expected, rtol=0, func="numpy_basics.matmul(int (3,2), int (2,3))", hint=LOOP_HINT)


@pytest.mark.parametrize("n, k, m", [(2, 3, 4), (4, 3, 2), (1, 5, 1), (3, 3, 3), (1, 1, 1)])
def test_matmul_matrix_matrix_random(submission, n, k, m):
    rng = np.random.default_rng(10 * n + k + m)
    A, B = rng.normal(size=(n, k)), rng.normal(size=(k, m))
    expected = A @ B
    got = submission.numpy_basics.matmul(A, B)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=f"numpy_basics.matmul(({n},{k}), ({k},{m}))",
                 hint=LOOP_HINT)


@pytest.mark.parametrize("n, k", [(3, 4), (1, 2), (5, 1)])
def test_matmul_matrix_vector_random(submission, n, k):
    rng = np.random.default_rng(100 + n * k)
    A, v = rng.normal(size=(n, k)), rng.normal(size=k)
    expected = A @ v
    got = submission.numpy_basics.matmul(A, v)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=f"numpy_basics.matmul(({n},{k}), ({k},))",
                 hint=SHAPE_HINT)


@pytest.mark.parametrize("k, m", [(4, 3), (2, 5), (3, 1)])
def test_matmul_vector_matrix_random(submission, k, m):
    rng = np.random.default_rng(200 + k * m)
    v, B = rng.normal(size=k), rng.normal(size=(k, m))
    expected = v @ B
    got = submission.numpy_basics.matmul(v, B)
    assert_close(got, expected, rtol=1e-10, atol=1e-12, func=f"numpy_basics.matmul(({k},), ({k},{m}))",
                 hint=SHAPE_HINT)


def test_matmul_large_and_negative_values(submission):
    A = np.array([[1e150, -2e150], [-3.5, 4.25]])
    B = np.array([[1e150, 0.0], [1e150, -1.0]])
    expected = A @ B
    got = submission.numpy_basics.matmul(A, B)
    assert_close(got, expected, rtol=1e-12, func="numpy_basics.matmul (large and negative values)", hint=LOOP_HINT)


def test_matmul_mixed_int_float_not_truncated(submission):
    A = np.array([[1, 2], [3, 4]])                  # ints
    B = np.array([[0.5, 0.25], [0.1, -0.75]])      # floats
    v = np.array([1, 2])
    expected, expected_v = A @ B, v @ B
    got = submission.numpy_basics.matmul(A, B)
    assert_close(got, expected, rtol=1e-12, func="numpy_basics.matmul(int (2,2), float (2,2))",
                 hint=("結果の配列を int で作ると小数が切り捨てられます。dtype を確認",
                       "a result array made with an int dtype truncates fractions; check its dtype"))
    got = submission.numpy_basics.matmul(v, B)
    assert_close(got, expected_v, rtol=1e-12, func="numpy_basics.matmul(int (2,), float (2,2))",
                 hint=("結果の配列の dtype を確認", "check the dtype of the result array"))


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
                     hint=LOOP_HINT)
        assert_close(A, A0, rtol=0, func=f"numpy_basics.matmul {label}: A", hint=hint)
        assert_close(B, B0, rtol=0, func=f"numpy_basics.matmul {label}: B", hint=hint)


def test_matmul_returns_array(submission):
    expected = np.array([[11.0]])
    got = submission.numpy_basics.matmul(np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]]))
    assert_that(isinstance(got, np.ndarray), func="numpy_basics.matmul([[1, 2]], [[3], [4]])",
                problem=("NumPy 配列を返してください(リストではなく)", "return a NumPy array (not a list)"),
                expected="array([[11.]])", got=got, hint=("np.zeros で結果を用意します", "prepare the result with np.zeros"))
    assert_close(got, expected, rtol=1e-12, func="numpy_basics.matmul([[1, 2]], [[3], [4]])", hint=SHAPE_HINT)
