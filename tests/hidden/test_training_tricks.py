"""Hidden suite: training_tricks (Xavier / He initialisation, weight decay, Dropout, Batch Normalization;
lecture 001:2180-2257, book chapter 6).

Initialisers are random: each test draws at least 40,000 weights and checks the sample mean and
standard deviation (std within 3% of the target: the sample std of 40,000 normal draws is within
0.35% of the truth at one standard deviation, so 3% is more than 8 of them) and the share within
one standard deviation (0.683 for a Gaussian, 0.577 for a uniform distribution with the same std;
accepted 0.663-0.703). He's standard deviation may be the book's √(2/n) or the lecture's 2/√n.

Dropout's masks are the submission's own: a test reads the mask from the training output (every
input is away from 0, so an output of 0 means "erased"), requires the kept share to be within
0.02 of 1 - dropout_ratio (every check draws 40,000 elements: 0.02 is 8 standard deviations or more)
and every kept element to be x or x / (1 - dropout_ratio) (the book's and inverted dropout), then
checks the test-time output and backward against that mask and scale.

Batch Normalization is compared with torch (float64, eps = 1e-6 as the lecture's 10e-7) and with a
central difference of the true function, by relative error < 1e-4: the tolerance admits any
small ε up to torch's 1e-5 (about 2e-5 away here) and no missing term (errors of order 1).
"""
import numpy as np
import torch
import torch.nn.functional as F

from autograder.checks import assert_close, assert_that, central_difference, likely, relative_error, show

BN_EPS = 1e-6
BN_TOL = 1e-4
STD_TOL = 0.03

XAVIER_HINT = ("標準偏差 1/√n_in のガウス分布: rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)",
               "a Gaussian with std 1/√n_in: rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)")
HE_HINT = ("標準偏差 √(2/n_in)(講義の 2/√n_in も可)。n は前層(入力側)のノード数です",
           "std √(2/n_in) (the lecture's 2/√n_in is accepted); n is the previous layer's (the inputs') size")
DECAY_HINT = ("loss + Σ 1/2 λ np.sum(W ** 2)。'W' で始まる名前だけ(バイアスは減衰させません)",
              "loss + Σ 1/2 λ np.sum(W ** 2), over the names starting with 'W' only (biases do not decay)")
DECAY_GRAD_HINT = ("重みの勾配に λW を足します(1/2 λ||W||² の微分)。バイアスの勾配はそのまま",
                   "add λW to each weight's gradient (the derivative of 1/2 λ||W||²); bias gradients stay as they are")
DROPOUT_HINT = ("self.mask = self.rng.random(x.shape) > self.dropout_ratio; return x * self.mask",
                "self.mask = self.rng.random(x.shape) > self.dropout_ratio; return x * self.mask")
BN_HINT = ("列ごと(axis=0)の平均 μ と、m で割る分散 σ²: x̂ = (x - μ) / √(σ² + ε)、y = γ x̂ + β",
           "per column (axis=0): the mean μ and the variance σ² divided by m; x̂ = (x - μ) / √(σ² + ε), y = γ x̂ + β")
BN_BACKWARD_HINT = ("μ と σ² を通る道の勾配も足します(教科書 6.3 / 計算グラフ)",
                    "add the gradients through μ and σ² as well (book 6.3, the computational graph)")


def _xavier_mistakes(n_in, n_out):
    return [(1 / n_in, "平方根を忘れて標準偏差が 1/n_in になっています: 1/√n_in", "the square root is missing: std 1/n_in, not 1/√n_in"),
            (1 / np.sqrt(n_out), "n_out(この層)で割っています: n は前層の n_in", "this divides by n_out (this layer); n is the previous layer's n_in")]


def _he_mistakes(n_in, n_out):
    return [(1 / np.sqrt(n_in), "係数 2 が抜けて Xavier の 1/√n_in になっています: √(2/n_in)",
             "the factor 2 is missing: this is Xavier's 1/√n_in, not √(2/n_in)"),
            (np.sqrt(2 / n_out), "n_out(この層)で割っています: n は前層の n_in", "this divides by n_out (this layer); n is the previous layer's n_in")]


# -- initialisation ---------------------------------------------------------------------------

def _check_gaussian(W, shape, std, func, hint, mistakes=()):
    """W has the shape, mean 0 and one of the standard deviations in ``std``, and is Gaussian.
    ``mistakes``: (std, ja, en) of known mistakes, named when the sample std is that one."""
    __tracebackhide__ = True
    W = np.asarray(W, dtype=np.float64)
    assert_that(W.shape == shape, func=func, problem=("形が違います(重みは (n_out, n_in))", "wrong shape (weights are (n_out, n_in))"),
                expected=shape, got=W.shape, hint=hint)
    stds = np.atleast_1d(std)
    sample_std = float(W.std())
    assert_that(bool(np.any(np.abs(sample_std / stds - 1) < STD_TOL)), func=func,
                problem=("標準偏差が違います", "wrong standard deviation"),
                expected=" or ".join(f"{s:.4g}" for s in stds), got=f"{sample_std:.4g}", hint=hint,
                likely=[likely(bool(abs(sample_std / wrong - 1) < STD_TOL), ja, en) for wrong, ja, en in mistakes])
    assert_that(abs(float(W.mean())) < 10 * sample_std / np.sqrt(W.size), func=func,
                problem=("平均が 0 ではありません", "the mean is not 0"), expected=0.0, got=float(W.mean()), hint=hint)
    inside = float(np.mean(np.abs(W - W.mean()) < sample_std))
    assert_that(0.663 < inside < 0.703, func=func,
                problem=("ガウス分布ではありません(標準偏差 1 つ分の内側の割合)",
                         "not Gaussian (the share within one standard deviation)"),
                expected="about 0.683", got=f"{inside:.3f}",
                hint=("rng.standard_normal(または np.random.randn)を使います(一様分布ではありません)",
                      "draw with rng.standard_normal (or np.random.randn), not a uniform distribution"))


def test_xavier_init_course_rule(submission):
    W = submission.training_tricks.xavier_init(100, 400, 0)
    _check_gaussian(W, (400, 100), 1 / np.sqrt(100), "training_tricks.xavier_init(n_in=100, n_out=400)", XAVIER_HINT,
                    _xavier_mistakes(100, 400))


def test_xavier_init_other_sizes(submission):
    for n_in, n_out, seed in ((784, 50, 1), (30, 2000, 2)):
        W = submission.training_tricks.xavier_init(n_in, n_out, seed)
        _check_gaussian(W, (n_out, n_in), 1 / np.sqrt(n_in), f"training_tricks.xavier_init({n_in}, {n_out})",
                        XAVIER_HINT, _xavier_mistakes(n_in, n_out))


def test_he_init_course_rule(submission):
    W = submission.training_tricks.he_init(100, 400, 0)
    _check_gaussian(W, (400, 100), [np.sqrt(2 / 100), 2 / np.sqrt(100)],
                    "training_tricks.he_init(n_in=100, n_out=400)", HE_HINT, _he_mistakes(100, 400))


def test_he_init_other_sizes(submission):
    for n_in, n_out, seed in ((50, 1000, 3), (784, 100, 4)):
        W = submission.training_tricks.he_init(n_in, n_out, seed)
        _check_gaussian(W, (n_out, n_in), [np.sqrt(2 / n_in), 2 / np.sqrt(n_in)],
                        f"training_tricks.he_init({n_in}, {n_out})", HE_HINT, _he_mistakes(n_in, n_out))


def test_init_seed(submission):
    for name in ("xavier_init", "he_init"):
        init = getattr(submission.training_tricks, name)
        first, again, other = init(20, 30, 11), init(20, 30, 11), init(20, 30, 12)
        func = f"training_tricks.{name}(20, 30, seed)"
        assert_that(np.asarray(first).shape == (30, 20) and np.array_equal(first, again), func=func,
                    problem=("同じ seed で同じ重みになりません", "the same seed does not give the same weights"),
                    hint=("rng = np.random.default_rng(seed) から作ります", "draw from rng = np.random.default_rng(seed)"))
        assert_that(not np.array_equal(first, other) and float(np.std(first)) > 0, func=func,
                    problem=("seed を変えても同じ重みです", "another seed gives the same weights"),
                    got=show(np.asarray(first)))


# -- weight decay ------------------------------------------------------------------------------

def _network_params(rng, scale=1.0):
    return {"W1": rng.normal(size=(4, 3)) * scale, "b1": rng.normal(size=4) * 5,
            "W2": rng.normal(size=(2, 4)) * scale, "b2": rng.normal(size=2) * 5}


def _torch_decay(params, lam):
    """1/2 λ Σ ||W||² and its gradients by torch autograd."""
    weights = {k: torch.tensor(v, requires_grad=True) for k, v in params.items() if k.startswith("W")}
    decay = sum(0.5 * lam * (w ** 2).sum() for w in weights.values())
    decay.backward()
    return float(decay.detach()), {k: w.grad.detach().numpy() for k, w in weights.items()}


def test_weight_decay_loss_values(submission):
    params = _network_params(np.random.default_rng(171))
    for loss, lam in ((1.25, 0.1), (0.0, 1e-3), (2.5, 0.0)):
        decay, _ = _torch_decay(params, lam)
        got = submission.training_tricks.weight_decay_loss(loss, params, lam)
        assert_close(got, loss + decay, rtol=1e-12, func=f"training_tricks.weight_decay_loss({loss}, params, λ={lam})",
                     hint=DECAY_HINT, likely=[likely(loss + 2 * decay, "1/2 を付け忘れています: 正則化項は 1/2 λ||W||²",
                                                     "the 1/2 is missing: the penalty is 1/2 λ||W||²")])


def test_weight_decay_loss_only_weights(submission):
    rng = np.random.default_rng(172)
    params = {"W1": rng.normal(size=(5, 5)), "b1": np.full(5, 100.0), "W3": rng.normal(size=(1, 5)),
              "b3": np.array([-50.0])}
    decay, _ = _torch_decay(params, 0.01)
    got = submission.training_tricks.weight_decay_loss(0.5, params, 0.01)
    assert_close(got, 0.5 + decay, rtol=1e-12, func="training_tricks.weight_decay_loss (大きなバイアス / large biases)",
                 hint=DECAY_HINT)
    assert_that(isinstance(got, (float, np.floating)), func="training_tricks.weight_decay_loss",
                problem=("float を 1 つ返してください", "return one float"), got=got)


def test_weight_decay_grads_match_torch(submission):
    rng = np.random.default_rng(173)
    params = _network_params(rng)
    grads = {k: rng.normal(size=np.shape(v)) for k, v in params.items()}
    lam = 0.05
    _, decay_grads = _torch_decay(params, lam)
    expected = {k: g + decay_grads[k] if k in decay_grads else g for k, g in grads.items()}
    got = submission.training_tricks.weight_decay_grads(grads, params, lam)
    assert_that(isinstance(got, dict) and set(got) == set(grads), func="training_tricks.weight_decay_grads",
                problem=("grads と同じ名前の辞書を返してください", "return a dict with the names of grads"),
                expected=sorted(grads), got=sorted(got) if isinstance(got, dict) else got)
    for name in sorted(grads):
        causes = [likely(grads[name] + 2 * lam * params[name], "λW の代わりに 2λW を足しています: 1/2 λ||W||² の微分は λW",
                         "this adds 2λW; the derivative of 1/2 λ||W||² is λW")] if name in decay_grads else []
        assert_close(got[name], expected[name], rtol=1e-12, atol=1e-15, func=f"training_tricks.weight_decay_grads: {name}",
                     hint=DECAY_GRAD_HINT, likely=causes)


def test_weight_decay_grads_leave_inputs_unchanged(submission):
    rng = np.random.default_rng(174)
    params = _network_params(rng)
    grads = {k: rng.normal(size=np.shape(v)) for k, v in params.items()}
    before_grads = {k: v.copy() for k, v in grads.items()}
    before_params = {k: v.copy() for k, v in params.items()}
    called = submission.call_and_read_args(submission.training_tricks.weight_decay_grads, grads, params, 0.2)
    assert_close(called.value["W1"], before_grads["W1"] + 0.2 * before_params["W1"], rtol=1e-12,
                 func="training_tricks.weight_decay_grads: W1", hint=DECAY_GRAD_HINT)
    hint = ("grads[name] += ... は元の配列を書き換えます。新しい辞書に新しい配列を入れます",
            "grads[name] += ... changes the caller's arrays; put new arrays in a new dict")
    grads_after, params_after = called.args[0], called.args[1]
    for name in sorted(grads):
        assert_close(grads_after[name], before_grads[name], rtol=0, func=f"training_tricks.weight_decay_grads: grads['{name}'] afterwards",
                     hint=hint)
        assert_close(params_after[name], before_params[name], rtol=0,
                     func=f"training_tricks.weight_decay_grads: params['{name}'] afterwards", hint=hint)


# -- Dropout ----------------------------------------------------------------------------------

def _away_from_zero(rng, shape):
    return rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def _train_forward(layer, x, ratio, func):
    """A training-mode forward: checks it erases about ``ratio`` and keeps x or x / (1 - ratio);
    returns (mask, scale) read from the output."""
    __tracebackhide__ = True
    out = np.asarray(layer.forward(x, True), dtype=np.float64)
    assert_that(out.shape == x.shape, func=func, problem=("形が違います", "wrong shape"), expected=x.shape,
                got=out.shape, hint=DROPOUT_HINT)
    mask = out != 0
    kept = float(mask.mean())
    assert_that(abs(kept - (1 - ratio)) < 0.02, func=func,
                problem=("残した(0 にしなかった)要素の割合が 1 - dropout_ratio ではありません",
                         "the share of elements kept (not set to 0) is not 1 - dropout_ratio"),
                expected=f"about {1 - ratio:.2f}", got=f"{kept:.3f}",
                hint=("rand > dropout_ratio が True になる確率は 1 - dropout_ratio です",
                      "rand > dropout_ratio is True with probability 1 - dropout_ratio"))
    ratios = out[mask] / x[mask]
    scale = float(ratios[0]) if ratios.size else 1.0
    accepted = [s for s in (1.0, 1.0 / (1 - ratio)) if np.allclose(ratios, s, rtol=1e-12, atol=0)]
    assert_that(bool(accepted), func=func,
                problem=("残した要素が x(または逆 Dropout の x / (1 - dropout_ratio))になっていません",
                         "kept elements are neither x nor (inverted dropout) x / (1 - dropout_ratio)"),
                expected="x, or x / (1 - dropout_ratio) everywhere it is kept",
                got=f"out / x = {show(ratios)}", hint=DROPOUT_HINT)
    return mask, scale


def test_dropout_train_keeps_one_minus_ratio(submission):
    rng = np.random.default_rng(180)
    for ratio in (0.2, 0.5, 0.7):
        x = _away_from_zero(rng, (200, 200))
        layer = submission.training_tricks.Dropout(ratio)
        _train_forward(layer, x, ratio, f"training_tricks.Dropout({ratio}).forward(x (200, 200), train_flg=True)")


def test_dropout_other_shapes(submission):
    rng = np.random.default_rng(181)
    for shape in ((20, 5, 20, 20), (40000,)):
        x = _away_from_zero(rng, shape)
        _train_forward(submission.training_tricks.Dropout(0.3), x, 0.3,
                       f"training_tricks.Dropout(0.3).forward(x {shape}, train_flg=True)")


def test_dropout_test_mode_matches_training_expectation(submission):
    rng = np.random.default_rng(182)
    for ratio in (0.2, 0.5, 0.75):
        x = _away_from_zero(rng, (200, 200))
        layer = submission.training_tricks.Dropout(ratio)
        _, scale = _train_forward(layer, x, ratio, f"training_tricks.Dropout({ratio}).forward(train_flg=True)")
        expected = x * scale * (1 - ratio)          # the expectation of the training output
        got = layer.forward(x, False)
        causes = [likely(x * scale * ratio, "テスト時に dropout_ratio を掛けています: 掛けるのは残した割合 1 - dropout_ratio",
                         "the test output is multiplied by dropout_ratio; the share kept is 1 - dropout_ratio"),
                  likely(lambda g: scale != 1 and np.allclose(np.asarray(g, dtype=np.float64), x * (1 - ratio), rtol=1e-12),
                         "学習時に 1/(1 - dropout_ratio) 倍した(逆 Dropout)うえ、テスト時にも (1 - dropout_ratio) を掛けています(二重のスケーリング)",
                         "training already scaled by 1/(1 - dropout_ratio) (inverted dropout); multiplying by (1 - dropout_ratio) "
                         "at test time too scales twice")]
        assert_close(got, expected, rtol=1e-12, func=f"training_tricks.Dropout({ratio}).forward(x, train_flg=False)", likely=causes,
                     hint=("テスト時の出力は学習時の出力の期待値: 教科書は x * (1 - dropout_ratio)、"
                           "逆 Dropout は x のまま(学習時に 1/(1 - dropout_ratio) 倍しているので)",
                           "the test output is the training output's expectation: x * (1 - dropout_ratio) in the "
                           "book, x itself for inverted dropout (which scales by 1/(1 - dropout_ratio) while training)"))
        again = layer.forward(x, False)
        assert_close(again, expected, rtol=1e-12, func="training_tricks.Dropout.forward(train_flg=False) twice",
                     hint=("テスト時は乱数を使いません", "test mode uses no randomness"))


def test_dropout_backward_uses_forward_mask(submission):
    rng = np.random.default_rng(183)
    for ratio in (0.25, 0.6):
        x, dout = _away_from_zero(rng, (200, 200)), rng.normal(size=(200, 200))
        layer = submission.training_tricks.Dropout(ratio)
        mask, scale = _train_forward(layer, x, ratio, f"training_tricks.Dropout({ratio}).forward(train_flg=True)")
        got = layer.backward(dout)
        assert_close(got, dout * mask * scale, rtol=1e-12, func=f"training_tricks.Dropout({ratio}).backward(dout)",
                     hint=("forward で覚えた self.mask を掛けます(逆 Dropout なら 1/(1 - dropout_ratio) も)",
                           "multiply by the mask forward kept (and by 1/(1 - dropout_ratio) for inverted dropout)"))


def test_dropout_new_mask_every_pass(submission):
    rng = np.random.default_rng(184)
    x = _away_from_zero(rng, (200, 200))
    layer = submission.training_tricks.Dropout(0.5)
    first, _ = _train_forward(layer, x, 0.5, "training_tricks.Dropout(0.5).forward, pass 1")
    second, _ = _train_forward(layer, x, 0.5, "training_tricks.Dropout(0.5).forward, pass 2")
    same = float(np.mean(first == second))
    assert_that(same < 0.6, func="training_tricks.Dropout.forward: 2 回の学習時の forward / two training passes",
                problem=("毎回新しいマスクを作っていません", "the mask is not drawn anew on every pass"),
                expected="about half the elements agreeing", got=f"{same:.2f} agree",
                hint=("マスクは forward のたびに self.rng から作り直します", "draw the mask from self.rng on every forward"))


def test_dropout_seed(submission):
    x = _away_from_zero(np.random.default_rng(185), (200, 200))
    first, _ = _train_forward(submission.training_tricks.Dropout(0.4, 9), x, 0.4, "training_tricks.Dropout(0.4, seed=9)")
    again, _ = _train_forward(submission.training_tricks.Dropout(0.4, 9), x, 0.4, "training_tricks.Dropout(0.4, seed=9) again")
    assert_that(np.array_equal(first, again), func="training_tricks.Dropout(0.4, seed=9) を 2 つ / twice",
                problem=("同じ seed のレイヤが違うマスクを作りました", "two layers with the same seed drew different masks"),
                hint=("np.random.rand ではなく self.rng.random を使います", "use self.rng.random, not np.random.rand"))


# -- Batch Normalization ----------------------------------------------------------------------

def _bn_inputs(seed, n=8, d=5):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)) * rng.uniform(2, 5, size=d) + rng.uniform(-10, 10, size=d)
    return x, rng.uniform(0.5, 2, size=d), rng.normal(size=d), rng.normal(size=(n, d))


def _torch_bn(x, gamma, beta, dout):
    xt, gt, bt = (torch.tensor(v, requires_grad=True) for v in (x, gamma, beta))
    y = F.batch_norm(xt, None, None, gt, bt, training=True, eps=BN_EPS)
    (y * torch.tensor(dout)).sum().backward()
    return y.detach().numpy(), xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()


def _bn_reference(x, gamma, beta):
    mu = x.mean(axis=0)
    return gamma * (x - mu) / np.sqrt(np.mean((x - mu) ** 2, axis=0) + BN_EPS) + beta


def _check_relative(got, expected, func, hint):
    __tracebackhide__ = True
    arr = np.asarray(got, dtype=np.float64)
    assert_that(arr.shape == expected.shape, func=func, problem=("形が違います", "wrong shape"),
                expected=expected.shape, got=arr.shape, hint=hint)
    err = relative_error(arr, expected)
    assert_that(err < BN_TOL, func=func, problem=("値が違います", "wrong values"),
                expected=f"relative error < {BN_TOL:g}; {show(expected)}", got=f"relative error {err:.3g}; {show(arr)}",
                hint=hint)


def test_batchnorm_forward_normalizes(submission):
    x, *_ = _bn_inputs(190, n=4, d=6)
    layer = submission.training_tricks.BatchNormalization(np.ones(6), np.zeros(6))
    y = np.asarray(layer.forward(x, True), dtype=np.float64)
    assert_that(y.shape == x.shape, func="training_tricks.BatchNormalization.forward", problem=("形が違います", "wrong shape"),
                expected=x.shape, got=y.shape, hint=BN_HINT)
    assert_close(y.mean(axis=0), np.zeros(6), atol=1e-9, func="BatchNormalization(γ=1, β=0).forward(x (4, 6)): 列の平均 / column means",
                 hint=BN_HINT)
    assert_close(y.var(axis=0), np.ones(6), rtol=1e-4, func="BatchNormalization(γ=1, β=0).forward(x (4, 6)): 列の分散 / column variances",
                 hint=("分散は m で割ります(m - 1 ではありません): 講義 001:2246", "divide the variance by m, not m - 1 (lecture 001:2246)"))


def test_batchnorm_forward_matches_torch(submission):
    for seed, n, d in ((191, 8, 5), (192, 32, 3)):
        x, gamma, beta, dout = _bn_inputs(seed, n, d)
        expected = _torch_bn(x, gamma, beta, dout)[0]
        got = submission.training_tricks.BatchNormalization(gamma, beta).forward(x, True)
        _check_relative(got, expected, f"training_tricks.BatchNormalization.forward(x ({n}, {d}), train_flg=True)", BN_HINT)


def test_batchnorm_backward_matches_torch(submission):
    for seed, n, d in ((193, 8, 5), (194, 16, 4)):
        x, gamma, beta, dout = _bn_inputs(seed, n, d)
        _, dx_ref, dgamma_ref, dbeta_ref = _torch_bn(x, gamma, beta, dout)
        layer = submission.training_tricks.BatchNormalization(gamma, beta)
        layer.forward(x, True)
        dx = layer.backward(dout)
        func = f"training_tricks.BatchNormalization.backward (x ({n}, {d}))"
        _check_relative(dx, dx_ref, func + ": dx", BN_BACKWARD_HINT)
        _check_relative(layer.dgamma, dgamma_ref, func + ": dgamma",
                        ("dgamma = Σ_n dout · x̂(正規化した値)", "dgamma = Σ_n dout · x̂ (the normalised values)"))
        _check_relative(layer.dbeta, dbeta_ref, func + ": dbeta", ("dbeta = Σ_n dout(axis=0)", "dbeta = Σ_n dout (axis=0)"))


def test_batchnorm_backward_numerical(submission):
    x, gamma, beta, dout = _bn_inputs(195, n=6, d=4)
    numeric = central_difference(lambda v: np.sum(_bn_reference(v, gamma, beta) * dout), x)
    layer = submission.training_tricks.BatchNormalization(gamma, beta)
    layer.forward(x, True)
    _check_relative(layer.backward(dout), numeric,
                    "training_tricks.BatchNormalization.backward: dx と数値微分 / vs the central difference", BN_BACKWARD_HINT)


def test_batchnorm_test_mode_uses_running_averages(submission):
    rng = np.random.default_rng(196)
    d, momentum = 4, 0.8
    gamma, beta = rng.uniform(0.5, 2, size=d), rng.normal(size=d)
    batches = [rng.normal(size=(10, d)) * 3 + 5 for _ in range(3)]
    x_test = rng.normal(size=(6, d)) * 3 + 5
    expected = []
    for ddof in (0, 1):                       # the book's running variance, or torch's unbiased one
        mean, var = np.zeros(d), np.zeros(d)
        for batch in batches:
            mean = momentum * mean + (1 - momentum) * batch.mean(axis=0)
            var = momentum * var + (1 - momentum) * batch.var(axis=0, ddof=ddof)
        expected.append(gamma * (x_test - mean) / np.sqrt(var + BN_EPS) + beta)
    layer = submission.training_tricks.BatchNormalization(gamma, beta, momentum)
    for batch in batches:
        layer.forward(batch, True)
    got = np.asarray(layer.forward(x_test, False), dtype=np.float64)
    again = np.asarray(layer.forward(x_test, False), dtype=np.float64)
    errors = [relative_error(got, e) if got.shape == e.shape else np.inf for e in expected]
    assert_that(min(errors) < BN_TOL, func="training_tricks.BatchNormalization.forward(x, train_flg=False) after 3 batches",
                problem=("テスト時は移動平均 running_mean / running_var で正規化します",
                         "test mode normalises with the running averages running_mean / running_var"),
                expected=show(expected[0]), got=show(got),
                hint=("学習時に running = momentum * running + (1 - momentum) * (バッチの μ, σ²) と更新します",
                      "in training, update running = momentum * running + (1 - momentum) * (the batch's μ, σ²)"))
    assert_close(again, got, rtol=0, func="training_tricks.BatchNormalization.forward(train_flg=False) twice",
                 hint=("テスト時は移動平均を更新しません", "test mode does not update the running averages"))
