"""自己チェック: 最適化手法 / Self-check: optimizers.

f(x, y) = x²/20 + y² を (-7, 2) から(教科書 6.1 の例)。勾配は (x/10, 2y)。
f(x, y) = x²/20 + y² from (-7, 2) (the book's example in 6.1); its gradient is (x/10, 2y).
"""
import numpy as np

from autograder.checks import assert_close


def start():
    return {"x": np.array([-7.0]), "y": np.array([2.0])}


def gradient(params):
    return {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}


def update(submission, opt, params):
    """opt.update(params, gradient); params as the update left them (the bridge passes copies)."""
    return submission.call_and_read_args(opt.update, params, gradient(params)).args[0]


def position(params):
    return [params["x"][0], params["y"][0]]


def test_sgd(submission):
    params = update(submission, submission.optimizers.SGD(lr=0.95), start())
    assert_close(position(params), [-6.335, -1.8], rtol=1e-9, func="optimizers.SGD(lr=0.95).update, 1 step",
                 hint=("W ← W - lr · 勾配。params の配列をその場で書き換えます",
                       "W ← W - lr · gradient, changing params' arrays in place"))


def test_momentum(submission):
    params = start()
    opt = submission.optimizers.Momentum(lr=0.1)
    for _ in range(2):
        params = update(submission, opt, params)
    assert_close(position(params), [-6.7977, 0.92], rtol=1e-9, func="optimizers.Momentum(lr=0.1).update, 2 steps",
                 hint=("v ← 0.9 v - lr · 勾配、W ← W + v。v は update をまたいで残します",
                       "v ← 0.9 v - lr · gradient, W ← W + v; keep v between updates"))


def test_adagrad(submission):
    params = update(submission, submission.optimizers.AdaGrad(lr=1.5), start())
    assert_close(position(params), [-5.5, 0.5], rtol=1e-6, func="optimizers.AdaGrad(lr=1.5).update, 1 step",
                 hint=("h ← h + 勾配², W ← W - lr · 勾配 / (√h + 1e-7)。最初の 1 歩はちょうど lr くらい動きます",
                       "h ← h + gradient², W ← W - lr · gradient / (√h + 1e-7); the first step moves by about lr"))


def test_adam(submission):
    params = update(submission, submission.optimizers.Adam(lr=0.3), start())
    assert_close(position(params), [-6.7, 1.7], rtol=1e-5, func="optimizers.Adam(lr=0.3).update, 1 step",
                 hint=("バイアス補正があれば、最初の 1 歩はちょうど lr くらい動きます",
                       "with bias correction the first step moves by about lr"))
