"""自己チェック: ニューラルネットワークの順伝播 / Self-check: the forward pass."""
import numpy as np

from autograder.checks import assert_close, assert_that

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
                     hint=("重みは (出力, 入力) の形: 教科書の行列の転置です",
                           "weights are (out, in): the transpose of the book's matrices"))


def test_forward_course_example(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    got = submission.forward.forward(network, np.array([1.0, 0.5]))
    assert_close(got, [0.31682708, 0.69627909], rtol=1e-6, func="forward.forward(network, [1.0, 0.5])",
                 hint=("1 層目は sigmoid(x @ W1.T + b1) ≈ [0.574, 0.668, 0.750]。出力層は恒等関数",
                       "layer 1 is sigmoid(x @ W1.T + b1) ≈ [0.574, 0.668, 0.750]; the output layer is the identity"))


def test_predict_course_example(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    got = submission.forward.predict(network, np.array([1.0, 0.5]))
    assert_close(got, [0.40625907, 0.59374093], rtol=1e-6, func="forward.predict(network, [1.0, 0.5])",
                 hint=("forward の出力にソフトマックスをかけます", "apply softmax to forward's output"))


def test_accuracy(submission):
    network = {k: np.array(v) for k, v in COURSE.items()}
    x = np.array([[1.0, 0.5], [-1.0, -2.0], [0.0, 0.0]])
    t = np.array([1, 0, 1])   # predict gives class 1, 1, 1
    got = submission.forward.accuracy(network, x, t, batch_size=2)
    assert_close(got, 2 / 3, rtol=1e-12, func="forward.accuracy(network, x, t, batch_size=2)",
                 hint=("argmax が t と一致した数 / len(x)。最後のバッチも数えます",
                       "matches of argmax with t / len(x); count the last batch too"))
