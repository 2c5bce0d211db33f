"""自己チェック: NumPy の基本 / Self-check: NumPy basics."""
import numpy as np
from autograder.checks import assert_close, fail

LOOP_HINT = ("結果の (i, j) 成分は A の i 行目と B の j 列目の積の和です",
             "entry (i, j) is the sum of products of row i of A and column j of B")


def test_matmul_matrix_vector(submission):
    A = np.array([[1.0, 3.0], [5.0, 7.0], [9.0, 11.0]])
    got = submission.numpy_basics.matmul(A, np.array([11.0, 22.0]))
    assert_close(got, [77.0, 209.0, 341.0], func="numpy_basics.matmul([[1,3],[5,7],[9,11]], [11,22])",
                 hint=LOOP_HINT)


def test_matmul_matrix_matrix(submission):
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    B = np.array([[5.0, 6.0], [7.0, 8.0]])
    got = submission.numpy_basics.matmul(A, B)
    assert_close(got, [[19.0, 22.0], [43.0, 50.0]], func="numpy_basics.matmul([[1,2],[3,4]], [[5,6],[7,8]])",
                 hint=LOOP_HINT)


def test_matmul_mismatch_raises(submission):
    A = np.array([[1.0, 3.0], [5.0, 7.0], [9.0, 11.0]])
    try:
        got = submission.numpy_basics.matmul(np.array([11.0, 22.0]), A)
    except ValueError:
        return
    fail("numpy_basics.matmul([11,22], [[1,3],[5,7],[9,11]])", expected="ValueError", got=got,
         problem=("形が合わないのに ValueError が出ませんでした", "shapes do not match but no ValueError was raised"),
         hint=("(2,) と (3, 2): 2 != 3。計算の前に形を調べて raise ValueError(...)",
               "(2,) and (3, 2): 2 != 3. Check the shapes first and raise ValueError(...)"))
