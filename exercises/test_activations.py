"""自己チェック: 活性化関数 / Self-check: activation functions (授業 / course 000:185-207, 001:1566-1705)."""
import numpy as np

from autograder.checks import assert_close, assert_that

SOFTMAX_HINT = ("各行の最大値を引いてから exp を取り、行ごとに和で割ります(axis=-1, keepdims=True)",
                "subtract each row's maximum before exp and divide by each row's sum (axis=-1, keepdims=True)")


def test_step_function(submission):
    act = submission.activations
    got = act.step_function(np.array([-1.0, 0.0, 2.0]))
    values = np.asarray(got, dtype=np.float64).tolist() if isinstance(got, (np.ndarray, list)) else None
    # x == 0 は授業で 0 (000:192, 001:1578) とも 1 (001:1592) とも: どちらでもよい / 0 or 1 at x == 0
    assert_that(values in ([0.0, 0.0, 1.0], [0.0, 1.0, 1.0]),
                func="activations.step_function([-1, 0, 2])",
                problem=("x < 0 なら 0、x > 0 なら 1(x == 0 は 0 でも 1 でもよい)",
                         "0 where x < 0, 1 where x > 0 (0 or 1 at x == 0)"),
                expected="[0, 0, 1] or [0, 1, 1]", got=got,
                hint=("配列には if 文でなく比較 x > 0 を使い、astype(int) で整数に",
                      "for arrays use the comparison x > 0 (not an if) and astype(int)"))
    assert_close(act.step_function(np.array([[0.5, -2.0], [-0.1, 4.0]])), [[1, 0], [0, 1]],
                 func="activations.step_function([[0.5, -2], [-0.1, 4]])")
    assert_close(act.step_function(-0.5), 0, func="activations.step_function(-0.5)")
    assert_close(act.step_function(3.0), 1, func="activations.step_function(3.0)")


def test_sigmoid(submission):
    got = submission.activations.sigmoid(np.array([-1.0, 0.0, 1.0]))
    assert_close(got, [0.2689414213699951, 0.5, 0.7310585786300049], func="activations.sigmoid([-1, 0, 1])",
                 rtol=1e-7, hint=("1 / (1 + np.exp(-x)) です(math.exp は配列に使えません)",
                                  "it is 1 / (1 + np.exp(-x)) (math.exp does not take arrays)"))
    assert_close(submission.activations.sigmoid(np.array([[2.0], [-2.0]])), [[0.8807970779778823], [0.11920292202211755]],
                 rtol=1e-7, func="activations.sigmoid([[2], [-2]])")
    assert_close(submission.activations.sigmoid(2.0), 0.8807970779778823, rtol=1e-7, func="activations.sigmoid(2.0)")


def test_relu(submission):
    x = np.array([[-2.0, 0.0], [3.0, -0.5]])
    called = submission.call_and_read_args(submission.activations.relu, x)
    assert_close(called.value, [[0.0, 0.0], [3.0, 0.0]], func="activations.relu([[-2, 0], [3, -0.5]])",
                 hint=("np.maximum(0, x)(組み込みの max は配列に使えません)",
                       "np.maximum(0, x) (the built-in max does not take arrays)"))
    assert_close(called.args[0], x, rtol=0, func="activations.relu: 入力 / the input array",
                 hint=("入力の配列を書き換えないでください(x[x < 0] = 0 は書き換えです)",
                       "do not modify the input array (x[x < 0] = 0 does)"))
    assert_close(submission.activations.relu(-1.5), 0.0, func="activations.relu(-1.5)")
    assert_close(submission.activations.relu(0.25), 0.25, func="activations.relu(0.25)")


def test_identity_function(submission):
    x = np.array([1.5, -2.0])
    assert_close(submission.activations.identity_function(x), x, func="activations.identity_function")


def test_softmax(submission):
    # 教科書 3.5.1 の例 / the book's example (3.5.1)
    got = submission.activations.softmax(np.array([0.3, 2.9, 4.0]))
    assert_close(got, [0.01821127, 0.24519181, 0.73659691], func="activations.softmax([0.3, 2.9, 4.0])",
                 rtol=1e-6, hint=("exp(a_k) / Σ exp(a_i)(授業 001:1694)", "exp(a_k) / sum of exp(a_i) (course 001:1694)"))


def test_softmax_large_inputs(submission):
    # 教科書 3.5.2 の例 / the book's example (3.5.2): np.exp(1010) overflows
    got = submission.activations.softmax(np.array([1010.0, 1000.0, 990.0]))
    assert_close(got, [9.99954600e-01, 4.53978686e-05, 2.06106005e-09], func="activations.softmax([1010, 1000, 990])",
                 rtol=1e-6, hint=SOFTMAX_HINT)


def test_softmax_batch(submission):
    got = submission.activations.softmax(np.array([[1010.0, 1000.0, 990.0], [0.3, 2.9, 4.0]]))
    assert_close(got, [[9.99954600e-01, 4.53978686e-05, 2.06106005e-09], [0.01821127, 0.24519181, 0.73659691]],
                 func="activations.softmax([[1010, 1000, 990], [0.3, 2.9, 4.0]]) (batch)", rtol=1e-6,
                 hint=("バッチは行ごとに: " + SOFTMAX_HINT[0], "a batch works row by row: " + SOFTMAX_HINT[1]))
