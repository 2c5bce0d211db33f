"""自己チェック: 最適化手法 / Self-check: optimizers.

講義 001:2093-2155 の関数 f(x, y) = x²/20 + y²(勾配は (x/10, 2y))を (4, -3) から数ステップ、
それと 2 つのパラメータ (W, b) の辞書で確かめます。
The lecture's f(x, y) = x²/20 + y² (001:2096-2117; gradient (x/10, 2y)) for a few steps from
(4, -3), and a dict of two parameters (W, b).

許容誤差 / tolerances: SGD と Momentum は rtol 1e-9。AdaGrad は rtol 1e-6: 教科書の ε = 1e-7 が
あってもなくても(講義 001:2147 は ε なし)ここでは差が 1e-6 未満です。Adam は rtol 1e-5。
SGD and Momentum rtol 1e-9; AdaGrad rtol 1e-6, within which the book's ε = 1e-7 and the
lecture's form without it (001:2147) agree here; Adam rtol 1e-5.
"""
import numpy as np

from autograder.checks import assert_close

TOL = {"SGD": 1e-9, "Momentum": 1e-9, "AdaGrad": 1e-6, "Adam": 1e-5}
HINTS = {
    "SGD": ("W ← W - lr · 勾配。params の配列をその場で書き換えます", "W ← W - lr · gradient, changing params' arrays in place"),
    "Momentum": ("v ← αv - lr · 勾配、W ← W + v。v は 0 から始め、update をまたいで残します",
                 "v ← αv - lr · gradient, W ← W + v; v starts at 0 and is kept between updates"),
    "AdaGrad": ("h ← h + 勾配⊙勾配(update ごとに足し込む)、W ← W - lr · 勾配 / √h",
                "h ← h + gradient⊙gradient (adding up over the updates), W ← W - lr · gradient / √h"),
    "Adam": ("m, v の移動平均(β1, β2)とバイアス補正 lr·√(1-β2^t)/(1-β1^t)、t は 1 から",
             "moving averages m, v (β1, β2) and the bias correction lr·√(1-β2^t)/(1-β1^t), t from 1"),
}


def start():
    return {"x": np.array([4.0]), "y": np.array([-3.0])}


def gradient(params):
    return {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}


def positions(submission, opt, steps):
    """(x, y) after each update; params as each update left them (the bridge passes copies)."""
    params, out = start(), []
    for _ in range(steps):
        params = submission.call_and_read_args(opt.update, params, gradient(params)).args[0]
        out.append([params["x"][0], params["y"][0]])
    return out


def check(submission, name, kwargs, expected):
    opt = getattr(submission.optimizers, name)(**kwargs)
    got = positions(submission, opt, len(expected))
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    assert_close(got, expected, rtol=TOL[name], atol=1e-12,
                 func=f"optimizers.{name}({args}).update on x²/20 + y² from (4, -3): {len(expected)} steps",
                 hint=HINTS[name])


def test_sgd(submission):
    check(submission, "SGD", {"lr": 0.3}, [[3.88, -1.2], [3.7636, -0.48], [3.650692, -0.192]])
    check(submission, "SGD", {}, [[3.996, -2.94], [3.992004, -2.8812]])


def test_momentum(submission):
    check(submission, "Momentum", {"lr": 0.15}, [[3.94, -2.1], [3.8269, -0.66], [3.6677065, 0.834]])
    check(submission, "Momentum", {"lr": 0.15, "momentum": 0.5}, [[3.94, -2.1], [3.8509, -1.02], [3.7485865, -0.174]])
    check(submission, "Momentum", {}, [[3.996, -2.94], [3.988404, -2.8272]])


def test_adagrad(submission):
    check(submission, "AdaGrad", {"lr": 0.8},
          [[3.2000002, -2.200000013333], [2.700244240472, -1.726909086925], [2.32719373419, -1.390073579618]])
    check(submission, "AdaGrad", {}, [[3.9900000025, -2.990000000167], [3.982937791364, -2.982940747063]])


def test_adam(submission):
    check(submission, "Adam", {"lr": 0.2},
          [[3.800001581126, -2.800000105409], [3.600335693827, -2.600478305213], [3.401250453426, -2.401805984844]])
    check(submission, "Adam", {}, [[3.999000007906, -2.999000000527], [3.998000020023, -2.998000009604]])


EXPECTED_W_B = {
    "SGD": {"W": [[0.252, 0.38, -0.122], [-0.877, -0.23, -1.014]], "b": [-0.026, 1.493, -0.192]},
    "Momentum": {"W": [[0.3078, 0.3359, -0.1544], [-0.8869, -0.1463, -1.0113]], "b": [-0.089, 1.6136, -0.1506]},
    "AdaGrad": {"W": [[0.195066549021, 0.293483183431, -0.271860711971],
                      [-0.899093461235, -0.269319141421, -0.989388670214]],
                "b": [-0.062282462761, 1.454038676461, -0.291625550556]},
    "Adam": {"W": [[0.191522250091, 0.245786422747, -0.309828534207],
                   [-0.950251620452, -0.250377447928, -0.956572864543]],
             "b": [-0.121907861651, 1.516793005258, -0.304768966262]},
}


def test_dict_of_parameters_in_place(submission):
    # params = {W (2, 3), b (3,)}, two updates with lr=0.1: each key keeps its own state,
    # params change in place and grads are only read.
    grads_1 = {"W": np.array([[-0.62, 0.49, 0.36], [0.11, -0.93, -0.03]]), "b": np.array([0.7, -1.34, -0.46])}
    grads_2 = {"W": np.array([[-1.9, -1.29, -1.84], [-0.24, -1.27, 0.27]]), "b": np.array([0.16, -0.19, -2.52])}
    for name, expected in EXPECTED_W_B.items():
        params = {"W": np.array([[0.0, 0.3, -0.27], [-0.89, -0.45, -0.99]]), "b": np.array([0.06, 1.34, -0.49])}
        opt = getattr(submission.optimizers, name)(lr=0.1)
        for grads in (grads_1, grads_2):
            called = submission.call_and_read_args(opt.update, params, grads)
            params, grads_after = called.args
            for key in grads:
                assert_close(grads_after[key], grads[key], rtol=0, func=f"optimizers.{name}.update: grads['{key}'] afterwards",
                             hint=("grads は読むだけにして、書き換えないでください", "only read grads; do not change them"))
        for key in ("W", "b"):
            assert_close(params[key], expected[key], rtol=TOL[name], atol=1e-12,
                         func=f"optimizers.{name}(lr=0.1): params['{key}'] after 2 updates",
                         hint=("状態(v, h, m)はキーごとに params と同じ形で持ちます",
                               "keep the state (v, h, m) per key, shaped like params[key]"))
