"""自己チェック: CIFAR-10 / Self-check: CIFAR-10 (CPU で動く軽い確認 / cheap checks on the CPU).

CIFAR-10 は講義のオプション課題で、目標の精度はありません(001:3521-3545)。採点の精度の段階と時間は
このキットが決めたもので、GPU で本物の CIFAR-10 を使って測ります。ここでは出力の形と、合成した簡単な
画像 100 枚で学習が進むかだけを CPU で確かめます(数十秒かかることがあります)。
CIFAR-10 is an optional task in the course, with no target accuracy (001:3521-3545); the accuracy
tiers and time budget of the grading are the kit's own, measured on a GPU with the real data.
Here only the output shape, and whether training on 100 easy synthetic images works, are checked
on the CPU (this can take some tens of seconds).
"""
import numpy as np
import torch

from autograder.checks import assert_that
from autograder.data.cifar10 import synthetic_images

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
    assert_that(float(np.max(np.abs(out - out[:1]))) > 1e-6, func="cifar10.build_model()(x)", got=out[:2],
                problem=("どの画像にも同じ出力を返します", "every image gets the same output"),
                hint=("forward で入力 x を使っていますか?", "does forward use its input x?"))


def test_build_model_takes_a_single_image(submission):
    out = _outputs(submission, 1)
    assert_that(out.shape == (1, 10), func="cifar10.build_model()(x[:1])", expected="(1, 10)", got=out.shape,
                problem=("1 枚だけの入力で出力の形が違います", "wrong output shape for a batch of one"),
                hint=SHAPE_HINT)


def test_train_learns_easy_synthetic_images(submission, settings):
    # 10 クラスを色と模様で見分けられる合成画像: 学習 100 枚、確認用の別の 100 枚(偶然なら 0.1)
    # synthetic images whose colour and pattern give the class: 100 to train on, another 100 to check (chance: 0.1)
    train_images, train_labels = synthetic_images(100, seed=31)
    test_images, test_labels = synthetic_images(100, seed=32)
    cifar = submission.cifar10
    submission.helper("seed_everything", 0)
    model = cifar.build_model()
    loader = submission.helper("image_loader", torch.from_numpy(np.ascontiguousarray(train_images.transpose(0, 3, 1, 2))),
                               torch.from_numpy(train_labels), batch_size=20, seed=0, hooks=cifar)
    with submission.time_limit(float(settings.get("smoke_seconds", 60)) * 3):
        cifar.train(model, loader, "cpu")
    predictions = np.asarray(submission.helper(
        "predict_image_classes", model, torch.from_numpy(np.ascontiguousarray(test_images.transpose(0, 3, 1, 2))),
        batch_size=50, device="cpu", hooks=cifar))
    accuracy = float(np.mean(predictions == test_labels))
    assert_that(accuracy >= 0.3, func="cifar10.train on 100 synthetic images, accuracy on 100 others",
                expected=">= 0.3", got=accuracy,
                problem=("簡単な合成画像でも学習が進んでいません", "training does not work even on easy synthetic images"),
                hint=("optimizer.step() を呼んでいますか? 画像とラベルの対応を崩していませんか? forward で x を使っていますか?",
                      "do you call optimizer.step()? do images and labels stay paired? does forward use x?"))
