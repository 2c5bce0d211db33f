"""自己チェック: 学習をうまく進める工夫 / Self-check: making training work (lecture 001:2180-2257, book chapter 6)."""
import numpy as np

from autograder.checks import assert_close, assert_that, central_difference


def _std_is(W, shape, stds, func, hint):
    W = np.asarray(W, dtype=np.float64)
    assert_that(W.shape == shape, func=func, problem=("形が違います (n_out, n_in)", "wrong shape (n_out, n_in)"),
                expected=shape, got=W.shape)
    assert_that(any(abs(W.std() / s - 1) < 0.05 for s in stds), func=func,
                problem=("標準偏差が違います", "wrong standard deviation"),
                expected=" or ".join(f"{s:.4g}" for s in stds), got=f"{W.std():.4g}", hint=hint)


def test_xavier_init(submission):
    W = submission.training_tricks.xavier_init(100, 400, 0)
    _std_is(W, (400, 100), [0.1], "training_tricks.xavier_init(100, 400)",
            ("標準偏差 1/√n、n は前層のノード数 n_in", "std 1/√n with n the previous layer's size n_in"))


def test_he_init(submission):
    W = submission.training_tricks.he_init(100, 400, 0)
    _std_is(W, (400, 100), [np.sqrt(2 / 100), 2 / np.sqrt(100)], "training_tricks.he_init(100, 400)",
            ("標準偏差 √(2/n)(講義の 2/√n も可)、n = n_in", "std √(2/n) (or the lecture's 2/√n), n = n_in"))


def test_weight_decay(submission):
    params = {"W1": np.array([[1.0, -2.0], [0.5, 0.0]]), "b1": np.array([10.0, -10.0]), "W2": np.array([[3.0, 1.0]]),
              "b2": np.array([4.0])}
    got = submission.training_tricks.weight_decay_loss(2.0, params, 0.1)
    assert_close(got, 2.0 + 0.5 * 0.1 * (1 + 4 + 0.25 + 9 + 1), rtol=1e-12, func="training_tricks.weight_decay_loss",
                 hint=("loss + 1/2 λ Σ W²(バイアスは入れません)", "loss + 1/2 λ Σ W² (no biases)"))
    grads = {k: np.ones_like(v) for k, v in params.items()}
    got = submission.training_tricks.weight_decay_grads(grads, params, 0.1)
    assert_close(got["W1"], [[1.1, 0.8], [1.05, 1.0]], rtol=1e-12, func="training_tricks.weight_decay_grads: W1",
                 hint=("dW + λW(2λW ではありません)", "dW + λW (not 2λW)"))
    assert_close(got["b1"], [1.0, 1.0], rtol=1e-12, func="training_tricks.weight_decay_grads: b1",
                 hint=("バイアスの勾配はそのまま", "bias gradients are left as they are"))


def test_dropout_train_and_test(submission):
    rng = np.random.default_rng(0)
    x = rng.uniform(1.0, 2.0, size=(100, 200))
    layer = submission.training_tricks.Dropout(0.2)
    out = np.asarray(layer.forward(x, True))
    kept = out != 0
    assert_close(kept.mean(), 0.8, atol=0.02, func="training_tricks.Dropout(0.2): 残した割合 / share kept",
                 hint=("各要素は確率 1 - dropout_ratio で残ります", "each element is kept with probability 1 - dropout_ratio"))
    scale = out[kept] / x[kept]
    assert_that(np.allclose(scale, 1.0) or np.allclose(scale, 1 / 0.8), func="training_tricks.Dropout(0.2).forward",
                problem=("残した要素は x(逆 Dropout なら x / 0.8)です", "kept elements are x (x / 0.8 for inverted dropout)"))
    test_out = layer.forward(x, False)
    assert_close(test_out, x * scale.mean() * 0.8, rtol=1e-9, func="training_tricks.Dropout(0.2).forward(x, train_flg=False)",
                 hint=("テスト時は学習時の出力の期待値: x * 0.8(逆 Dropout なら x)",
                       "test mode gives the training output's expectation: x * 0.8 (x for inverted dropout)"))


def test_dropout_backward(submission):
    rng = np.random.default_rng(1)
    x = rng.uniform(1.0, 2.0, size=(50, 40))
    layer = submission.training_tricks.Dropout(0.5)
    out = np.asarray(layer.forward(x, True))
    dout = rng.normal(size=x.shape)
    assert_close(layer.backward(dout), dout * out / x, rtol=1e-9, func="training_tricks.Dropout.backward",
                 hint=("forward で残した場所だけ dout を通します(forward と同じ倍率で)",
                       "pass dout where forward kept x (with forward's scale)"))


def test_batchnorm_forward(submission):
    x = np.array([[1.0, 10.0, -3.0], [2.0, 30.0, -1.0], [4.0, 20.0, 5.0], [5.0, 40.0, 3.0]])
    y = np.asarray(submission.training_tricks.BatchNormalization(np.ones(3), np.zeros(3)).forward(x, True))
    assert_close(y.mean(axis=0), np.zeros(3), atol=1e-9, func="BatchNormalization.forward: 列の平均 / column means",
                 hint=("平均は axis=0(バッチ方向)", "the mean is over axis=0 (the batch)"))
    assert_close(y.var(axis=0), np.ones(3), rtol=1e-4, func="BatchNormalization.forward: 列の分散 / column variances",
                 hint=("分散は m で割ります(講義 001:2246)", "the variance divides by m (lecture 001:2246)"))


def _reference(x, gamma, beta):
    xc = x - x.mean(axis=0)
    return gamma * xc / np.sqrt((xc ** 2).mean(axis=0) + 1e-6) + beta


def test_batchnorm_backward(submission):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, 3)) * 3
    gamma, beta, dout = np.array([1.0, 2.0, 0.5]), np.array([0.0, 1.0, -1.0]), rng.normal(size=(5, 3))
    numeric = central_difference(lambda v: np.sum(_reference(v, gamma, beta) * dout), x)
    layer = submission.training_tricks.BatchNormalization(gamma, beta)
    layer.forward(x, True)
    assert_close(layer.backward(dout), numeric, rtol=1e-4, atol=1e-6, func="BatchNormalization.backward: dx",
                 hint=("μ と σ² を通る勾配も足します", "add the gradients through μ and σ² too"))
    assert_close(layer.dbeta, dout.sum(axis=0), rtol=1e-9, func="BatchNormalization.backward: dbeta")


def test_batchnorm_test_mode(submission):
    rng = np.random.default_rng(3)
    batch, x_test = rng.normal(size=(8, 2)) * 2 + 1, rng.normal(size=(4, 2)) + 5
    layer = submission.training_tricks.BatchNormalization(np.ones(2), np.zeros(2), 0.0)   # momentum 0
    layer.forward(batch, True)
    got = np.asarray(layer.forward(x_test, False))
    mu = batch.mean(axis=0)
    options = [(x_test - mu) / np.sqrt(batch.var(axis=0, ddof=ddof) + 1e-6) for ddof in (0, 1)]
    assert_that(any(np.allclose(got, o, rtol=1e-4) for o in options), func="BatchNormalization.forward(train_flg=False)",
                problem=("テスト時は学習時の移動平均で正規化します", "test mode normalises with the running averages"),
                expected=options[0], got=got)
