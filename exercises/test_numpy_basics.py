"""自己チェック: NumPy の基本 / Self-check: NumPy basics (授業 / course 000:291-540)."""
import numpy as np
from autograder.checks import assert_close, assert_that, fail

LOOP_HINT = ("結果の (i, j) 成分は A の i 行目と B の j 列目の積の和です",
             "entry (i, j) is the sum of products of row i of A and column j of B")
SHAPE_HINT = ("np.dot と同じ形: (n,k)·(k,) → (n,)、(k,)·(k,m) → (m,)",
              "np.dot's shapes: (n,k)·(k,) → (n,), (k,)·(k,m) → (m,)")


def test_matmul_matrix_vector(submission):
    # 授業の例 / the course's example (000:498-508), ints as the course writes them
    X = np.array([[1, 3], [5, 7], [9, 11]])
    y = np.array([11, 22])
    got = submission.numpy_basics.matmul(X, y)
    assert_close(got, [77, 209, 341], func="numpy_basics.matmul([[1,3],[5,7],[9,11]], [11,22])", hint=SHAPE_HINT)


def test_matmul_matrix_matrix(submission):
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    B = np.array([[5.0, 6.0], [7.0, 8.0]])
    got = submission.numpy_basics.matmul(A, B)
    assert_that(isinstance(got, np.ndarray), func="numpy_basics.matmul([[1,2],[3,4]], [[5,6],[7,8]])",
                problem=("NumPy 配列を返してください(リストではなく)", "return a NumPy array (not a list)"),
                expected="array([[19., 22.], [43., 50.]])", got=got,
                hint=("np.zeros で結果を用意します", "prepare the result with np.zeros"))
    assert_close(got, [[19.0, 22.0], [43.0, 50.0]], func="numpy_basics.matmul([[1,2],[3,4]], [[5,6],[7,8]])",
                 hint=LOOP_HINT)


def test_matmul_vector_matrix(submission):
    got = submission.numpy_basics.matmul(np.array([3, -1]), np.array([[1, 3, 5], [2, 4, 6]]))
    assert_close(got, [1, 5, 9], func="numpy_basics.matmul([3, -1], [[1,3,5],[2,4,6]])",
                 hint=("(k,)·(k,m) は合っている形です: 結果は (m,)", "(k,)·(k,m) is a valid product: the result is (m,)"))


def test_matmul_int_and_float(submission):
    got = submission.numpy_basics.matmul(np.array([[1, 2], [3, 4]]), np.array([[0.5, 1.5], [2.0, -0.25]]))
    assert_close(got, [[4.5, 1.0], [9.5, 3.5]], func="numpy_basics.matmul(int (2,2), float (2,2))",
                 hint=("結果の配列を int で作ると小数が切り捨てられます。dtype を確認",
                       "a result array made with an int dtype truncates fractions; check its dtype"))


def test_matmul_mismatch_raises(submission):
    # 授業の例 / the course's example (000:515-523): np.dot(y, X) does not work
    X = np.array([[1, 3], [5, 7], [9, 11]])
    try:
        got = submission.numpy_basics.matmul(np.array([11, 22]), X)
    except ValueError:
        return
    fail("numpy_basics.matmul([11,22], [[1,3],[5,7],[9,11]])", expected="ValueError", got=got,
         problem=("形が合わないのに ValueError が出ませんでした", "shapes do not match but no ValueError was raised"),
         hint=("(2,) と (3, 2): 2 != 3。計算の前に形を調べて raise ValueError(...)",
               "(2,) and (3, 2): 2 != 3. Check the shapes first and raise ValueError(...)"))


def test_matmul_leaves_inputs_unchanged(submission):
    A, b = np.array([[2.0, -1.0], [0.5, 3.0]]), np.array([1.0, 4.0])
    called = submission.call_and_read_args(submission.numpy_basics.matmul, A, b)
    assert_close(called.value, [-2.0, 12.5], func="numpy_basics.matmul([[2,-1],[0.5,3]], [1,4])", hint=SHAPE_HINT)
    for name, before, after in (("A", A, called.args[0]), ("b", b, called.args[1])):
        assert_close(after, before, rtol=0, func=f"numpy_basics.matmul: {name}",
                     hint=("入力の配列を書き換えないでください(b.shape = ... も書き換えです)",
                           "do not modify the input arrays (b.shape = ... does too)"))
