"""自己チェック: ゼミの活性化関数 / Self-check: the seminar's activation functions (lecture 003:231-270)."""
import numpy as np

from autograder.checks import assert_close


def test_sigmoid(submission):
    x = np.array([-1.0, 0.0, 2.0])
    assert_close(submission.seminar_activations.sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-12,
                 func="seminar_activations.sigmoid(x)(g = 1)")
    assert_close(submission.seminar_activations.sigmoid(x, 3.0), 1 / (1 + np.exp(-3.0 * x)), rtol=1e-12,
                 func="seminar_activations.sigmoid(x, g=3)", hint=("exp(-g x)", "exp(-g x)"))


def test_tanh(submission):
    x = np.array([-2.0, 0.0, 0.5, 900.0])
    assert_close(submission.seminar_activations.tanh(x), np.tanh(x), rtol=1e-12, func="seminar_activations.tanh",
                 hint=("大きな x でも nan にならないように(np.tanh)", "no nan for large x (np.tanh)"))


def test_sigmoid_grad(submission):
    x = np.array([-1.0, 0.0, 2.0])
    y = 1 / (1 + np.exp(-3.0 * x))
    assert_close(submission.seminar_activations.sigmoid_grad(x, 3.0), 3.0 * y * (1 - y), rtol=1e-10,
                 func="seminar_activations.sigmoid_grad(x, g=3)", hint=("内側の微分 g も掛けます", "include the inner derivative g"))


def test_tanh_grad(submission):
    x = np.array([-1.0, 0.0, 2.0])
    assert_close(submission.seminar_activations.tanh_grad(x), 1 - np.tanh(x) ** 2, rtol=1e-10,
                 func="seminar_activations.tanh_grad", hint=("1 - tanh(x)²", "1 - tanh(x)²"))
