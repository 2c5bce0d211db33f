"""自己チェック: 活性化関数 / Self-check: activation functions."""
import numpy as np

from autograder.checks import assert_close, assert_equal


def test_step_function(submission):
    act = submission.activations
    got = act.step_function(np.array([-1.0, 0.0, 2.0]))
    assert_equal(np.asarray(got).tolist(), [0, 0, 1], func="activations.step_function([-1, 0, 2])",
                 hint=("x == 0 のときは 0 です", "step_function(0) is 0"))


def test_sigmoid(submission):
    got = submission.activations.sigmoid(np.array([-1.0, 0.0, 1.0]))
    assert_close(got, [0.2689414213699951, 0.5, 0.7310585786300049], func="activations.sigmoid([-1, 0, 1])",
                 rtol=1e-7, hint=("1 / (1 + exp(-x)) です", "it is 1 / (1 + exp(-x))"))


def test_relu(submission):
    got = submission.activations.relu(np.array([-2.0, 0.0, 3.0]))
    assert_close(got, [0.0, 0.0, 3.0], func="activations.relu([-2, 0, 3])",
                 hint=("np.maximum(0, x)", "np.maximum(0, x)"))


def test_identity_function(submission):
    x = np.array([1.5, -2.0])
    assert_close(submission.activations.identity_function(x), x, func="activations.identity_function")


def test_softmax(submission):
    got = submission.activations.softmax(np.array([0.3, 2.9, 4.0]))
    assert_close(got, [0.01821127, 0.24519181, 0.73659691], func="activations.softmax([0.3, 2.9, 4.0])",
                 rtol=1e-6, hint=("exp(a_k) / Σ exp(a_i)", "exp(a_k) / sum of exp(a_i)"))
