"""自己チェック: CIFAR-10 / Self-check: CIFAR-10 (形だけの軽い確認 / cheap shape checks only).

精度は GPU での採点で測ります。ここでは build_model の出力の形だけを CPU で確かめます。
Accuracy is measured when grading on a GPU; here only build_model's output shape is checked, on the CPU.
"""
import numpy as np

from autograder.checks import assert_that

SHAPE_HINT = ("最後の層の出力を 10 に。入力は (N, 3, 32, 32) です", "the last layer needs 10 outputs; inputs are (N, 3, 32, 32)")


def _outputs(submission, n):
    x = np.random.default_rng(0).uniform(0, 1, size=(n, 3, 32, 32)).astype(np.float32)
    model = submission.cifar10.build_model()
    model.to("cpu")
    return np.asarray(submission.helper("model_outputs", model, x, "cpu"))


def test_build_model_gives_10_logits_per_image(submission):
    out = _outputs(submission, 4)
    assert_that(out.shape == (4, 10), func="cifar10.build_model()(x)", expected="(4, 10)", got=out.shape,
                problem=("出力の形が違います", "wrong output shape"), hint=SHAPE_HINT)
    assert_that(bool(np.all(np.isfinite(out))), func="cifar10.build_model()(x)", got=out,
                problem=("出力に nan か inf があります", "the output holds nan or inf"))


def test_build_model_takes_a_single_image(submission):
    out = _outputs(submission, 1)
    assert_that(out.shape == (1, 10), func="cifar10.build_model()(x[:1])", expected="(1, 10)", got=out.shape,
                problem=("1 枚だけの入力で出力の形が違います", "wrong output shape for a batch of one"),
                hint=SHAPE_HINT)
