"""Hidden suite: seminar_activations (the sigmoid with a gain g, tanh, and their derivatives; lecture 003:231-270).

torch (float64) is the oracle for values and derivatives (autograd); derivatives are also
compared with a central difference (h=1e-5) of the true function by relative error < 1e-6.
Values: rtol=1e-12, atol=1e-15.
"""
import numpy as np
import torch

from autograder.checks import assert_close, assert_that, central_difference, likely, relative_error, show

TOL = dict(rtol=1e-12, atol=1e-15)
GRAD_TOL = 1e-6
SIGMOID_HINT = ("1 / (1 + np.exp(-g * x)): g は exp の中で x に掛けます", "1 / (1 + np.exp(-g * x)): g multiplies x inside exp")
TANH_HINT = ("np.tanh(x)(tanh(x) = (e^x - e^-x) / (e^x + e^-x))", "np.tanh(x) (tanh(x) = (e^x - e^-x) / (e^x + e^-x))")
SIGMOID_GRAD_HINT = ("g · y · (1 - y)、y = sigmoid(x, g)", "g · y · (1 - y) with y = sigmoid(x, g)")
TANH_GRAD_HINT = ("1 - tanh(x) ** 2", "1 - tanh(x) ** 2")


# -- known mistakes, named when what came back is what they give ---------------------------------
def sigmoid_mistakes(x, g):
    plain = 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
    return [likely(g * plain, "g / (1 + exp(-x)) の値です: g は exp の中で x に掛けます(exp(-g * x))",
                   "this is g / (1 + exp(-x)): g multiplies x inside exp (exp(-g * x))"),
            likely(plain if g != 1 else None, "g を使っていない普通のシグモイドの値です: exp(-g * x) と g を使います",
                   "this is the ordinary sigmoid, without g: use exp(-g * x)")]


def sigmoid_grad_mistakes(x, g):
    y = 1 / (1 + np.exp(-g * np.asarray(x, dtype=np.float64)))
    return [likely(y * (1 - y) if g != 1 else None, "y(1 - y) の値です: 内側の微分 g を掛けます(g · y · (1 - y))",
                   "this is y(1 - y): multiply by the inner derivative g (g · y · (1 - y))")]


def tanh_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        overflow = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    return [likely(np.tanh(x / 2), "tanh(x/2) の値です: (1 - e^-x) / (1 + e^-x) は tanh(x/2)。tanh(x) = (e^x - e^-x) / (e^x + e^-x)",
                   "this is tanh(x/2): (1 - e^-x) / (1 + e^-x) is tanh(x/2); tanh(x) = (e^x - e^-x) / (e^x + e^-x)"),
            likely(lambda got: bool(np.any(np.isnan(overflow))) and np.array_equal(np.isnan(np.asarray(got, dtype=np.float64)),
                                                                                   np.isnan(overflow)),
                   "nan は exp の桁あふれです(inf / inf)。定義どおりの式でなく np.tanh を使います",
                   "the nan comes from exp overflowing (inf / inf); use np.tanh instead of the definition")]


def tanh_grad_mistakes(x):
    return [likely(1 - np.tanh(np.asarray(x, dtype=np.float64)), "1 - tanh(x) の値です: 2 乗を忘れています(1 - tanh(x) ** 2)",
                   "this is 1 - tanh(x): the square is missing (1 - tanh(x) ** 2)")]


def _torch_value_and_grad(fn, x):
    t = torch.tensor(np.asarray(x, dtype=np.float64), requires_grad=True)
    y = fn(t)
    y.sum().backward()
    return y.detach().numpy(), t.grad.numpy()


def _check_gradient(got, expected, func, hint, mistakes=()):
    __tracebackhide__ = True
    arr = np.asarray(got, dtype=np.float64)
    causes = [likely(m.when is not None and arr.shape == np.shape(m.when) and bool(np.allclose(arr, m.when, rtol=1e-6)),
                     *m.cause) for m in mistakes]
    assert_that(arr.shape == np.shape(expected), func=func, problem=("形が違います", "wrong shape"),
                expected=np.shape(expected), got=arr.shape, hint=hint)
    err = relative_error(arr, expected)
    assert_that(err < GRAD_TOL, func=func,
                problem=("数値微分(中心差分)と一致しません", "does not match the numerical gradient (central difference)"),
                expected=f"{show(np.asarray(expected))} (relative error < {GRAD_TOL:g})", got=f"{show(arr)} (relative error {err:.3g})",
                hint=hint, likely=causes)


# -- sigmoid ------------------------------------------------------------------------------------

def test_sigmoid_gain_one_is_the_sigmoid(submission):
    x = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    expected = torch.sigmoid(torch.tensor(x)).numpy()
    assert_close(submission.seminar_activations.sigmoid(x), expected, **TOL,
                 func="seminar_activations.sigmoid(x)(g の既定値 1 / default g = 1)", hint=SIGMOID_HINT,
                 likely=sigmoid_mistakes(x, 1.0))
    assert_close(submission.seminar_activations.sigmoid(x, 1.0), expected, **TOL, func="seminar_activations.sigmoid(x, 1.0)",
                 hint=SIGMOID_HINT, likely=sigmoid_mistakes(x, 1.0))


def test_sigmoid_gain_values(submission):
    rng = np.random.default_rng(200)
    x = rng.normal(size=(3, 4)) * 2
    for g in (2.0, 0.5, 5.0):
        expected = torch.sigmoid(g * torch.tensor(x)).numpy()
        assert_close(submission.seminar_activations.sigmoid(x, g), expected, **TOL,
                     func=f"seminar_activations.sigmoid(x (3, 4), g={g})", hint=SIGMOID_HINT,
                     likely=sigmoid_mistakes(x, g))
    assert_close(submission.seminar_activations.sigmoid(1.0, 2.0), 1 / (1 + np.exp(-2.0)), **TOL,
                 func="seminar_activations.sigmoid(1.0, 2.0)", hint=SIGMOID_HINT, likely=sigmoid_mistakes(1.0, 2.0))


def test_sigmoid_large_gain_approaches_step(submission):
    x = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    got = submission.seminar_activations.sigmoid(x, 100.0)
    assert_close(got, [0.0, 0.0, 0.5, 1.0, 1.0], atol=1e-20, rtol=1e-15,
                 func="seminar_activations.sigmoid(x, g=100)(ステップ関数に近い / close to the step function)",
                 hint=("g が大きいほど 0 か 1 に近づき、x = 0 では常に 0.5 です", "a large g pushes values to 0 or 1; at x = 0 it is always 0.5"),
                 likely=sigmoid_mistakes(x, 100.0))


# -- tanh ---------------------------------------------------------------------------------------

def test_tanh_values(submission):
    rng = np.random.default_rng(201)
    for x in (rng.normal(size=7) * 2, rng.normal(size=(2, 3, 2)), np.array(0.3), np.array([0.0])):
        expected = torch.tanh(torch.tensor(x)).numpy()
        assert_close(submission.seminar_activations.tanh(x), expected, **TOL, func=f"seminar_activations.tanh(shape {x.shape})",
                     hint=TANH_HINT, likely=tanh_mistakes(x))


def test_tanh_large_inputs(submission):
    x = np.array([-1000.0, -50.0, 20.0, 800.0])
    got = submission.seminar_activations.tanh(x)
    assert_close(got, [-1.0, -1.0, 1.0, 1.0], rtol=1e-15, func="seminar_activations.tanh([-1000, -50, 20, 800])",
                 hint=("exp(1000) は inf になり inf / inf = nan です。np.tanh を使いましょう",
                       "exp(1000) overflows to inf and inf / inf is nan; use np.tanh"), likely=tanh_mistakes(x))


# -- derivatives --------------------------------------------------------------------------------

def test_sigmoid_grad_matches_torch(submission):
    rng = np.random.default_rng(202)
    x = rng.normal(size=(4, 3)) * 2
    for g in (1.0, 3.0, 0.25):
        _, expected = _torch_value_and_grad(lambda t: torch.sigmoid(g * t), x)
        assert_close(submission.seminar_activations.sigmoid_grad(x, g), expected, rtol=1e-10, atol=1e-15,
                     func=f"seminar_activations.sigmoid_grad(x (4, 3), g={g})", hint=SIGMOID_GRAD_HINT,
                     likely=sigmoid_grad_mistakes(x, g))
    assert_close(submission.seminar_activations.sigmoid_grad(0.0, 2.0), 0.5, **TOL,
                 func="seminar_activations.sigmoid_grad(0, g=2)(= g / 4)", hint=SIGMOID_GRAD_HINT,
                 likely=sigmoid_grad_mistakes(0.0, 2.0))


def test_sigmoid_grad_numerical(submission):
    x = np.random.default_rng(203).normal(size=6)
    numeric = central_difference(lambda v: np.sum(1 / (1 + np.exp(-2.5 * v))), x)
    _check_gradient(submission.seminar_activations.sigmoid_grad(x, 2.5), numeric,
                    "seminar_activations.sigmoid_grad(x, g=2.5) と数値微分 / vs the central difference", SIGMOID_GRAD_HINT,
                    sigmoid_grad_mistakes(x, 2.5))


def test_tanh_grad_matches_torch(submission):
    x = np.random.default_rng(204).normal(size=(3, 5)) * 2
    _, expected = _torch_value_and_grad(torch.tanh, x)
    assert_close(submission.seminar_activations.tanh_grad(x), expected, rtol=1e-10, atol=1e-15,
                 func="seminar_activations.tanh_grad(x (3, 5))", hint=TANH_GRAD_HINT, likely=tanh_grad_mistakes(x))
    assert_close(submission.seminar_activations.tanh_grad(0.0), 1.0, **TOL, func="seminar_activations.tanh_grad(0)",
                 hint=TANH_GRAD_HINT)


def test_tanh_grad_numerical(submission):
    x = np.random.default_rng(205).normal(size=6)
    numeric = central_difference(lambda v: np.sum(np.tanh(v)), x)
    _check_gradient(submission.seminar_activations.tanh_grad(x), numeric,
                    "seminar_activations.tanh_grad(x) と数値微分 / vs the central difference", TANH_GRAD_HINT,
                    tanh_grad_mistakes(x))
