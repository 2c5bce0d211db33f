"""自己チェック: ニューラルネットワークの順伝播 / Self-check: the forward pass (授業 / course 000:598-646)."""
import numpy as np

from autograder.checks import assert_close, assert_that

# 授業のネットワーク / the course's network (000:616-646), weights (out, in)
COURSE = {
    "W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "b1": [0.1, 0.2, 0.3],
    "W2": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], "b2": [0.1, 0.2],
    "W3": [[0.1, 0.2], [0.3, 0.4]], "b3": [0.1, 0.2],
}


def test_init_network(submission):
    network = submission.forward.init_network()
    assert_that(isinstance(network, dict), func="forward.init_network()",
                problem=("辞書(dict)を返してください", "return a dict"), got=network)
    for key, value in COURSE.items():
        assert_that(key in network, func="forward.init_network()",
                    problem=(f"キー {key!r} がありません", f"key {key!r} is missing"), got=sorted(network))
        assert_close(network[key], value, func=f"forward.init_network()[{key!r}]", rtol=1e-12,
                     hint=("授業の行列そのまま、(出力, 入力) の形: 教科書の行列の転置です",
                           "the course's matrices as they are, (out, in): the transpose of the book's"))


def test_forward_course_example(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    got = submission.forward.forward(network, np.array([1.0, 0.5]))
    assert_close(got, [0.31682708, 0.69627909], rtol=1e-6, func="forward.forward(network, [1.0, 0.5])",
                 hint=("1 層目は sigmoid(np.dot(W1, x) + b1) ≈ [0.574, 0.668, 0.750](000:561)。出力層は恒等関数",
                       "layer 1 is sigmoid(np.dot(W1, x) + b1) ≈ [0.574, 0.668, 0.750] (000:561); "
                       "the output layer is the identity"))


def test_forward_batch(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    got = submission.forward.forward(network, np.array([[1.0, 0.5], [-1.0, 2.0]]))
    assert_close(got, [[0.3168270764, 0.6962790899], [0.316684564, 0.6959159508]], rtol=1e-8,
                 func="forward.forward(network, [[1.0, 0.5], [-1.0, 2.0]]) (batch (2, 2))",
                 hint=("np.dot(W, x) は 1 サンプルだけ。x @ W.T + b ならバッチの各行にも使えます",
                       "np.dot(W, x) takes one sample only; x @ W.T + b works row by row for a batch"))


def test_predict_course_example(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    got = submission.forward.predict(network, np.array([1.0, 0.5]))
    assert_close(got, [0.40625907, 0.59374093], rtol=1e-6, func="forward.predict(network, [1.0, 0.5])",
                 hint=("forward の出力にソフトマックスをかけます", "apply softmax to forward's output"))


def test_accuracy(submission):
    # 2-2-2-2 のネットワークで、予測は各行の大きいほうのクラス / a network that predicts the larger coordinate
    network = {"W1": np.array([[5.0, 0.0], [0.0, 5.0]]), "b1": np.zeros(2),
               "W2": np.array([[5.0, 0.0], [0.0, 5.0]]), "b2": np.array([-2.5, -2.5]),
               "W3": np.eye(2), "b3": np.zeros(2)}
    x = np.array([[2.0, -1.0], [-1.0, 2.0], [0.5, 0.2], [0.1, 0.3], [3.0, 1.0]])
    t = np.array([0, 1, 1, 1, 0])   # predict gives classes 0, 1, 0, 1, 0: 4 of 5 right
    got = submission.forward.accuracy(network, x, t, batch_size=2)
    hint = ("argmax(axis=1) が t と一致した数 / len(x)。最後の小さいバッチも数えます",
            "matches of argmax(axis=1) with t, divided by len(x); count the last short batch too")
    assert_that(isinstance(got, (float, np.floating)), func="forward.accuracy(network, x, t, batch_size=2)",
                problem=("float(正解率)を返してください(正解数ではなく)", "return a float (the share, not the count)"),
                expected=0.8, got=got, hint=hint)
    assert_close(got, 0.8, rtol=1e-12, func="forward.accuracy(network, x, t, batch_size=2)", hint=hint)
