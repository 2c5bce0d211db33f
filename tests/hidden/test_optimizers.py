"""Hidden suite: optimizers, against reference trajectories on f(x, y) = x²/20 + y².

Lecture 001:2093-2155: SGD's zigzag on x²/20 + y², Momentum v ← αv - η∂L/∂w, w ← w + v
(α = 0.9), AdaGrad h ← h + g⊙g, w ← w - η g/√h (written without an ε, 001:2147); Adam is only
named there (001:2170-2174). The book (6.1) gives the code, the defaults and AdaGrad's ε = 1e-7.

The judge computes each reference here with those formulas and, as an independent oracle,
with torch.optim:
  - SGD = torch.optim.SGD;
  - Momentum (v ← αv - lr·g, W ← W + v) = torch.optim.SGD(momentum=α): with v = -lr·buf the
    two recursions are the same (constant lr, no dampening);
  - AdaGrad: both the book's W ← W - lr·g / (√h + 1e-7) = torch.optim.Adagrad(eps=1e-7) and the
    lecture's W ← W - lr·g / √h = torch.optim.Adagrad(eps=0) are accepted: a trajectory passes
    when it matches either, each at the full tolerance;
  - Adam: the book's lr_t form puts 1e-7 next to √v instead of √v̂, so it equals
    torch.optim.Adam only up to that epsilon (about 1e-5 along these paths).
Tolerances: SGD, Momentum and AdaGrad rtol=1e-9 (atol=1e-12); Adam rtol=1e-4, atol=1e-4 on
the trajectories, so that both the book's form and the usual m̂ / (√v̂ + ε) form pass.
Every expected value is computed before the submission is called.
"""
import numpy as np
import pytest
import torch

from autograder.checks import assert_close, assert_that, likely

START = (-7.0, 2.0)
NAMES = ["SGD", "Momentum", "AdaGrad", "Adam"]
# The book's learning rates for the comparison of figure 6-8, 30 steps each.
BOOK_LR = {"SGD": 0.95, "Momentum": 0.1, "AdaGrad": 1.5, "Adam": 0.3}
TOL = {"SGD": (1e-9, 1e-12), "Momentum": (1e-9, 1e-12), "AdaGrad": (1e-9, 1e-12), "Adam": (1e-4, 1e-4)}
HINTS = {
    "SGD": ("W ← W - lr · 勾配", "W ← W - lr · gradient"),
    "Momentum": ("v ← αv - lr · 勾配、W ← W + v。v は 0 から始め、update をまたいで残します(符号に注意)",
                 "v ← αv - lr · gradient, W ← W + v; v starts at 0 and is kept between updates (mind the signs)"),
    "AdaGrad": ("h ← h + 勾配⊙勾配、W ← W - lr · 勾配 / √h(教科書は √h + 1e-7)。h は update をまたいで足し込みます",
                "h ← h + gradient⊙gradient, W ← W - lr · gradient / √h (the book adds 1e-7 to √h); h keeps "
                "accumulating across updates"),
    "Adam": ("m, v の移動平均と、lr_t = lr·√(1-β2^t)/(1-β1^t) のバイアス補正(t は 1 から)",
             "moving averages m and v with the bias correction lr_t = lr·√(1-β2^t)/(1-β1^t), t from 1"),
}


# ---- judge-side references: the book's formulas ------------------------------------------
class RefSGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for k in params:
            params[k] = params[k] - self.lr * grads[k]


class RefMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for k in params:
            self.v[k] = self.momentum * self.v.get(k, 0.0) - self.lr * grads[k]
            params[k] = params[k] + self.v[k]


class RefAdaGrad:
    """The book's AdaGrad (eps=1e-7) or, with eps=0, the lecture's (001:2147)."""

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr, self.eps, self.h = lr, eps, {}

    def update(self, params, grads):
        for k in params:
            self.h[k] = self.h.get(k, 0.0) + grads[k] ** 2
            params[k] = params[k] - self.lr * grads[k] / (np.sqrt(self.h[k]) + self.eps)


class RefAdaGradCourse(RefAdaGrad):
    def __init__(self, lr=0.01):
        super().__init__(lr, eps=0.0)


class RefAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.b1, self.b2, self.t, self.m, self.v = lr, beta1, beta2, 0, {}, {}

    def update(self, params, grads):
        self.t += 1
        lr_t = self.lr * np.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for k in params:
            self.m[k] = self.m.get(k, 0.0) + (1 - self.b1) * (grads[k] - self.m.get(k, 0.0))
            self.v[k] = self.v.get(k, 0.0) + (1 - self.b2) * (grads[k] ** 2 - self.v.get(k, 0.0))
            params[k] = params[k] - lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


# Each name's accepted forms; the first is the book's, shown when nothing matches.
REFERENCES = {"SGD": [RefSGD], "Momentum": [RefMomentum], "AdaGrad": [RefAdaGrad, RefAdaGradCourse],
              "Adam": [RefAdam]}
TORCH_FORMS = {"SGD": [{}], "Momentum": [{}], "AdaGrad": [{"eps": 1e-7}, {"eps": 0.0}], "Adam": [{}]}


# ---- known mistakes, as references of their own: named when a student's values are theirs ------
class StaysPut(RefSGD):
    def update(self, params, grads):
        pass


class VelocityEveryTime(RefMomentum):
    def update(self, params, grads):
        self.v = {}
        super().update(params, grads)


class MovesBeforeVelocity(RefMomentum):
    def update(self, params, grads):
        for k in params:
            params[k] = params[k] + self.v.get(k, 0.0)
            self.v[k] = self.momentum * self.v.get(k, 0.0) - self.lr * grads[k]


class GradientSignFlipped(RefMomentum):
    def update(self, params, grads):
        for k in params:
            self.v[k] = self.momentum * self.v.get(k, 0.0) + self.lr * grads[k]
            params[k] = params[k] + self.v[k]


class SquaresReplaced(RefAdaGrad):
    def update(self, params, grads):
        self.h = {}
        super().update(params, grads)


class DividedByH(RefAdaGrad):
    def update(self, params, grads):
        for k in params:
            self.h[k] = self.h.get(k, 0.0) + grads[k] ** 2
            params[k] = params[k] - self.lr * grads[k] / (self.h[k] + self.eps)


class NoBiasCorrection(RefAdam):
    def update(self, params, grads):
        self.t += 1
        for k in params:
            self.m[k] = self.m.get(k, 0.0) + (1 - self.b1) * (grads[k] - self.m.get(k, 0.0))
            self.v[k] = self.v.get(k, 0.0) + (1 - self.b2) * (grads[k] ** 2 - self.v.get(k, 0.0))
            params[k] = params[k] - self.lr * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


class SecondMomentWithBeta1(RefAdam):
    def update(self, params, grads):
        self.t += 1
        lr_t = self.lr * np.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        for k in params:
            self.m[k] = self.m.get(k, 0.0) + (1 - self.b1) * (grads[k] - self.m.get(k, 0.0))
            self.v[k] = self.v.get(k, 0.0) + (1 - self.b1) * (grads[k] ** 2 - self.v.get(k, 0.0))
            params[k] = params[k] - lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


MISTAKES = {
    "SGD": [(StaysPut, "params が変わっていません: params[key] をその場で書き換えます(ローカル変数への代入では変わりません)",
             "params did not change: write into params[key] (assigning a local name changes nothing)")],
    "Momentum": [(VelocityEveryTime, "v を update のたびに作り直した値です(ただの SGD と同じ)。v は update をまたいで残します",
                  "this recreates v at every update (plain SGD); keep v between updates"),
                 (MovesBeforeVelocity, "更新前の v で W を動かした値です: 先に v ← αv - lr·勾配、それから W ← W + v",
                  "this moves W with the old v: first v ← αv - lr·gradient, then W ← W + v"),
                 (GradientSignFlipped, "勾配の項の符号が逆の値です(v ← αv + lr·勾配)。v ← αv - lr·勾配",
                  "the gradient term has the wrong sign (v ← αv + lr·gradient); it is v ← αv - lr·gradient")],
    "AdaGrad": [(SquaresReplaced, "h を毎回 勾配⊙勾配 で置き換えた値です: h は足し込みます(h ← h + 勾配⊙勾配)",
                 "this replaces h with gradient⊙gradient at every update; h accumulates (h ← h + gradient⊙gradient)"),
                (DividedByH, "√h でなく h で割った値です", "this divides by h instead of √h")],
    "Adam": [(NoBiasCorrection, "バイアス補正のない値です(lr_t でなく lr をそのまま使っています)",
              "this has no bias correction (lr is used instead of lr_t)"),
             (SecondMomentWithBeta1, "v の移動平均に beta1 を使った値です: v は beta2、m は beta1",
              "this averages v with beta1; v uses beta2 (m uses beta1)")],
}


def mistakes(name, run):
    """``run(reference_class)`` gives what the check compares; each known mistake of ``name`` is
    run the same way and named when the student's value is its value."""
    return [likely(run(variant), ja, en) for variant, ja, en in MISTAKES[name]]


def torch_optimizer(name, params, lr, form):
    if name == "SGD":
        return torch.optim.SGD(params, lr=lr)
    if name == "Momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "AdaGrad":
        return torch.optim.Adagrad(params, lr=lr, eps=form["eps"])
    return torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-7)


def assert_close_to_one(got, candidates, *, func, rtol, atol, hint, likely=()):
    """``got`` matches one of the accepted ``candidates`` at the full tolerance; a failure shows
    the first (the book's form)."""
    __tracebackhide__ = True
    for expected in candidates[1:]:
        try:
            assert_close(got, expected, func=func, rtol=rtol, atol=atol, hint=hint)
            return
        except AssertionError:
            pass
    assert_close(got, candidates[0], func=func, rtol=rtol, atol=atol, hint=hint, likely=likely)


# ---- helpers ------------------------------------------------------------------------------
def start():
    return {"x": np.array([START[0]]), "y": np.array([START[1]])}


def gradient(params):
    return {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}


def update(submission, opt, params, grads):
    """``opt.update(params, grads)``; returns params as the update left them."""
    if submission is None:
        opt.update(params, grads)
        return params
    return submission.call_and_read_args(opt.update, params, grads).args[0]


def trajectory(opt, steps, submission=None):
    """Positions after each of ``steps`` updates of ``opt`` (the submission's, or a reference
    when ``submission`` is None)."""
    params, path = start(), []
    for _ in range(steps):
        params = update(submission, opt, params, gradient(params))
        path.append([float(params["x"][0]), float(params["y"][0])])
    return np.array(path)


def torch_trajectory(name, steps, lr, form):
    w = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    opt = torch_optimizer(name, [w], lr, form)
    path = []
    for _ in range(steps):
        opt.zero_grad()
        loss = w[0] ** 2 / 20 + w[1] ** 2
        loss.backward()
        opt.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


def make(submission, name, **kw):
    return getattr(submission.optimizers, name)(**kw)


# ---- tests --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_book_trajectory(submission, name):
    lr = BOOK_LR[name]
    expected = [trajectory(ref(lr=lr), 30) for ref in REFERENCES[name]]
    got = trajectory(make(submission, name, lr=lr), 30, submission)
    rtol, atol = TOL[name]
    assert_close_to_one(got, expected, rtol=rtol, atol=atol,
                        func=f"optimizers.{name}(lr={lr}) on x²/20 + y² from (-7, 2): positions after each of 30 updates",
                        hint=HINTS[name], likely=mistakes(name, lambda ref: trajectory(ref(lr=lr), 30)))


@pytest.mark.parametrize("name", NAMES)
def test_matches_torch_optim(submission, name):
    lr = BOOK_LR[name]
    expected = [torch_trajectory(name, 30, lr, form) for form in TORCH_FORMS[name]]
    got = trajectory(make(submission, name, lr=lr), 30, submission)
    rtol, atol = TOL[name]
    assert_close_to_one(got, expected, rtol=rtol, atol=atol,
                        func=f"optimizers.{name}(lr={lr}) vs torch.optim: positions after each of 30 updates",
                        hint=HINTS[name], likely=mistakes(name, lambda ref: trajectory(ref(lr=lr), 30)))


@pytest.mark.parametrize("name", NAMES)
def test_default_hyperparameters(submission, name):
    # No arguments: SGD lr=0.01; Momentum lr=0.01, α=0.9; AdaGrad lr=0.01; Adam lr=0.001, β=(0.9, 0.999).
    expected = [trajectory(ref(), 20) for ref in REFERENCES[name]]
    got = trajectory(make(submission, name), 20, submission)
    rtol, atol = TOL[name]
    assert_close_to_one(got, expected, rtol=rtol, atol=min(atol, 1e-6),
                        func=f"optimizers.{name}() with the default arguments: 20 updates",
                        hint=(f"既定値を確認: {name} の __init__ の引数", f"check the default arguments of {name}.__init__"),
                        likely=mistakes(name, lambda ref: trajectory(ref(), 20)))


@pytest.mark.parametrize("name", NAMES)
def test_several_parameters(submission, name):
    # A network's dict: per-key state, arrays of several shapes, random gradients.
    rng = np.random.default_rng(2024)
    shapes = {"W1": (3, 2), "b1": (3,), "W2": (1, 3), "b2": (1,)}
    init = {k: rng.normal(size=s) for k, s in shapes.items()}
    grads_seq = [{k: rng.normal(size=s) for k, s in shapes.items()} for _ in range(5)]
    expected = []
    for reference in REFERENCES[name]:
        ref_params, ref = {k: v.copy() for k, v in init.items()}, reference(lr=0.05)
        for grads in grads_seq:
            ref.update(ref_params, {k: g.copy() for k, g in grads.items()})
        expected.append(ref_params)
    mine = {k: v.copy() for k, v in init.items()}
    opt = make(submission, name, lr=0.05)
    for grads in grads_seq:
        mine = update(submission, opt, mine, grads)
    def run(reference):
        ref_params, ref = {k: v.copy() for k, v in init.items()}, reference(lr=0.05)
        for grads in grads_seq:
            ref.update(ref_params, {k: g.copy() for k, g in grads.items()})
        return ref_params

    variants = [(run(variant), ja, en) for variant, ja, en in MISTAKES[name]]
    for key in shapes:
        assert_close_to_one(mine[key], [e[key] for e in expected], rtol=TOL[name][0], atol=TOL[name][1],
                            func=f"optimizers.{name}(lr=0.05): params['{key}'] (shape {shapes[key]}) after 5 updates",
                            hint=("状態(v, h, m)はキーごとに params と同じ形で持ちます",
                                  "keep the state (v, h, m) per key, shaped like params[key]"),
                            likely=[likely(value[key], ja, en) for value, ja, en in variants])


@pytest.mark.parametrize("name", NAMES)
def test_update_in_place_leaves_grads_unchanged(submission, name):
    # Two updates: params changed in place as the reference says, and grads as they were.
    params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.1])}
    grads = {"W": np.array([[0.3, -0.2], [1.5, -4.0]]), "b": np.array([-0.5, 2.0])}
    saved = {k: v.copy() for k, v in grads.items()}
    expected = []
    for reference in REFERENCES[name]:
        ref_params, ref = {k: v.copy() for k, v in params.items()}, reference(lr=0.1)
        for _ in range(2):
            ref.update(ref_params, {k: v.copy() for k, v in saved.items()})
        expected.append(ref_params)
    def run(reference):
        ref_params, ref = {k: v.copy() for k, v in params.items()}, reference(lr=0.1)
        for _ in range(2):
            ref.update(ref_params, {k: v.copy() for k, v in saved.items()})
        return ref_params

    variants = [(run(variant), ja, en) for variant, ja, en in MISTAKES[name]]
    opt = make(submission, name, lr=0.1)
    params, grads = submission.call_and_read_args(opt.update, params, grads).args
    params, grads = submission.call_and_read_args(opt.update, params, grads).args
    for key in saved:   # grads first: a change to them also moves params on the second update
        assert_close(grads[key], saved[key], rtol=0, func=f"optimizers.{name}(lr=0.1).update: grads['{key}'] afterwards",
                     came_back="input", hint=("grads は読むだけにして、書き換えないでください", "only read grads; do not change them"),
                     likely=[likely(lambda got, key=key: any(np.allclose(got, saved[key] * 0.1 ** n) for n in (1, 2)),
                                    "grads が lr 倍に書き換えられています(grads *= lr は呼び出し元の配列を変えます)",
                                    "your grads were scaled by lr in place (grads *= lr changes the caller's arrays)")])
    for key in saved:
        assert_close_to_one(params[key], [e[key] for e in expected], rtol=TOL[name][0], atol=TOL[name][1],
                            func=f"optimizers.{name}(lr=0.1).update twice: params['{key}'] afterwards",
                            hint=("params の配列をその場で(in place)書き換えます", "change params' arrays in place"),
                            likely=[likely(value[key], ja, en) for value, ja, en in variants])


def test_adam_first_step_is_about_lr(submission):
    # With bias correction, m̂ = g and v̂ = g², so the first step is lr·g/|g| for every element.
    params = {"w": np.array([3.0, -0.02, 400.0])}
    grads = {"w": np.array([0.5, -5.0, 300.0])}
    expected = params["w"] - 0.1 * np.sign(grads["w"])
    causes = mistakes("Adam", lambda ref: update(None, ref(lr=0.1), {"w": params["w"].copy()}, grads)["w"])
    params = update(submission, submission.optimizers.Adam(lr=0.1), params, grads)
    assert_close(params["w"], expected, rtol=1e-6, atol=1e-6, func="optimizers.Adam(lr=0.1): the first update",
                 hint=HINTS["Adam"], likely=causes)


def test_optimizers_decrease_the_function(submission):
    def f(p):
        return float(p[0] ** 2 / 20 + p[1] ** 2)
    for name in NAMES:
        path = trajectory(make(submission, name, lr=BOOK_LR[name]), 30, submission)
        assert_that(bool(np.all(np.isfinite(path))) and f(path[-1]) < 0.2 * f(START),
                    func=f"optimizers.{name}(lr={BOOK_LR[name]}): f after 30 updates",
                    problem=("関数の値が十分に小さくなっていません", "the function did not go down enough"),
                    expected=f"< {0.2 * f(START):.4g}", got=f(path[-1]) if np.all(np.isfinite(path)) else path[-1],
                    hint=HINTS[name])
