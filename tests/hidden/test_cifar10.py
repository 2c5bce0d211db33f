"""Hidden suite: cifar10 (graded on a GPU; a synthetic fixture may be graded on the CPU).

The judge reads CIFAR-10 itself (autograder.data.cifar10), sends the training set and the
test images to the submission (never the test labels), runs the student's ``train`` under
the time budget of grading.toml, gets the predictions back as plain data and computes the
accuracy here. Points come from accuracy tiers (``tier_1`` .. ``tier_3`` in
``[exercises.cifar10.settings]``), one test function per tier.

Where the data come from: ``KIT_CIFAR10_DIR`` if set, else ``settings.data_dir`` (relative
to the kit root). A folder marked as a fixture (``KIT_FIXTURE``) is graded with
``[exercises.cifar10.settings.fixture]`` on any device; real data only with ``--device cuda``
on a machine with CUDA, and is otherwise recorded as pending (``pending(reason)``), never as 0.
"""
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch

from autograder.bridge import SubmissionError
from autograder.checks import assert_that, likely
from autograder.data.cifar10 import detect_format, is_fixture, load_cached, synthetic_images
from autograder.paths import KIT_ROOT
from autograder.pytest_plugin import pending

PENDING_GPU = "needs a GPU / GPU が必要です"
CHANCE_LEVEL = 0.3   # near 0.1, the chance level of 10 classes (a small test set scatters around it)
ACCURACY_HINT = ("モデルを大きく・学習を長く(時間内で)、データ拡張(反転・平行移動)や正規化を試しましょう",
                 "try a wider model, more epochs within the budget, flips and shifts, input normalisation")


def _settings(grading_config) -> dict:
    return grading_config.get("exercises", {}).get("cifar10", {}).get("settings", {})


@dataclass
class Plan:
    root: Path
    fixture: bool
    settings: dict  # the real-data settings, overlaid with the fixture's when fixture


def _plan(grading_config, device) -> Plan:
    """Where the data are and which settings apply; skips as pending when it cannot be graded here."""
    base = _settings(grading_config)
    root = Path(os.environ.get("KIT_CIFAR10_DIR") or base.get("data_dir", "data/cifar10"))
    root = root if root.is_absolute() else KIT_ROOT / root
    if is_fixture(root):
        return Plan(root, True, {**base, **base.get("fixture", {})})
    if device != "cuda":
        pending(PENDING_GPU)
    if not torch.cuda.is_available():
        pending(f"{PENDING_GPU} (--device cuda, but CUDA is not available here)")
    try:
        detect_format(root)
    except FileNotFoundError:
        pending(f"CIFAR-10 not found in {root} / データがありません "
                    f"(autograder fetch-data cifar10 --root {root})")
    return Plan(root, False, base)


@dataclass
class Run:
    value: object = None
    error: BaseException | None = None

    def get(self):
        if self.error is not None:
            raise self.error
        return self.value


# -- the cheap checks: a few synthetic images, any device ------------------------------
@pytest.fixture(scope="module")
def smoke(submission, grading_config, device):
    """Train once on a few synthetic images: parameters before/after and the outputs after."""
    settings = _settings(grading_config)
    images, labels = synthetic_images(int(settings.get("smoke_images", 64)), seed=123)
    images = np.ascontiguousarray(images.transpose(0, 3, 1, 2))
    try:
        cifar = submission.cifar10
        submission.helper("seed_everything", 0)
        model = cifar.build_model()
        before = submission.helper("parameter_digest", model)
        loader = submission.helper("image_loader", torch.from_numpy(images), torch.from_numpy(labels),
                                   batch_size=int(settings.get("batch_size", 256)), seed=0, hooks=cifar)
        with submission.time_limit(float(settings.get("smoke_seconds", 60))):
            cifar.train(model, loader, device)
        after = submission.helper("parameter_digest", model)
        model.to(device)
        outputs = submission.helper("model_outputs", model, images[:16].astype(np.float32) / 255, device)
    except SubmissionError as exc:
        return Run(error=exc)
    return Run(value=(before, after, np.asarray(outputs)))


def test_build_model_output_shape(submission, device):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, size=(5, 3, 32, 32)).astype(np.float32)
    cifar = submission.cifar10
    model = cifar.build_model()
    model.to(device)
    out = np.asarray(submission.helper("model_outputs", model, x, device))
    assert_that(out.shape == (5, 10), func="cifar10.build_model()(x)", expected="(5, 10)", got=out.shape,
                problem=("入力 (5, 3, 32, 32) に対する出力の形が違います", "wrong output shape for input (5, 3, 32, 32)"),
                hint=("最後の Linear の出力を 10 に", "the last Linear must have 10 outputs"))
    assert_that(bool(np.all(np.isfinite(out))), func="cifar10.build_model()(x)", got=out,
                problem=("出力に nan か inf があります", "the output holds nan or inf"))


def test_train_updates_the_model(smoke):
    before, after, _ = smoke.get()
    changed = before.shape == after.shape and bool(np.any(np.abs(after - before) > 1e-9 * (1 + np.abs(before))))
    assert_that(changed, func="cifar10.train", got="parameters unchanged / パラメータが変化していません",
                problem=("学習後もモデルのパラメータが変わっていません", "train() left the model's parameters as they were"),
                hint=("optimizer.step() を呼んでいますか? 渡された model 自体を学習していますか?",
                      "do you call optimizer.step(), on the parameters of the model you were given?"))


def test_trained_model_depends_on_input(smoke):
    _, _, out = smoke.get()
    assert_that(out.ndim == 2 and out.shape[1] == 10 and bool(np.all(np.isfinite(out))),
                func="cifar10.train → model(x)", expected="finite (16, 10)", got=out,
                problem=("学習後の出力が (N, 10) の有限の値ではありません", "after train() the output is not finite (N, 10)"),
                hint=("学習率が大きすぎると発散します", "too large a learning rate diverges"))
    spread = float(np.max(np.abs(out - out[:1])))
    assert_that(spread > 1e-6, func="cifar10.train → model(x)", got=out[:3],
                problem=("学習後のモデルがどの画像にも同じ出力を返します", "after train() the model gives every image the same output"),
                hint=("forward で入力 x を使っていますか?", "does forward use its input x?"))


# -- the accuracy check: the whole training set, graded by tiers -------------------------
@pytest.fixture(scope="module")
def accuracy(submission, grading_config, device):
    """Train on the training set under the budget, predict the test images, score them here."""
    plan = _plan(grading_config, device)
    settings = plan.settings
    train_images, train_labels = load_cached(plan.root, train=True)
    test_images, test_labels = load_cached(plan.root, train=False)  # the labels stay in this process
    try:
        cifar = submission.cifar10
        with submission.time_limit(float(settings.get("setup_seconds", 120))):
            submission.helper("seed_everything", 0)
            model = cifar.build_model()
            loader = submission.helper("image_loader", torch.from_numpy(train_images.copy()),
                                       torch.from_numpy(train_labels.copy()),
                                       batch_size=int(settings.get("batch_size", 256)), seed=0, hooks=cifar)
        with submission.time_limit(float(settings["train_seconds"])):
            cifar.train(model, loader, device)
        with submission.time_limit(float(settings.get("predict_seconds", 60))):
            predictions = submission.helper("predict_image_classes", model, torch.from_numpy(test_images.copy()),
                                            batch_size=500, device=device, hooks=cifar)
    except SubmissionError as exc:
        return Run(error=exc)
    predictions = np.asarray(predictions)
    if predictions.shape != test_labels.shape or predictions.dtype.kind not in "iu":
        return Run(error=AssertionError(f"predictions of shape {predictions.shape} / dtype {predictions.dtype}, "
                                        f"expected integers of shape {test_labels.shape}"))
    return Run(value=(float(np.mean(predictions == test_labels)), plan))


def _check_tier(accuracy, tier):
    value, plan = accuracy.get()
    threshold = float(plan.settings[f"tier_{tier}"])
    where = "fixture" if plan.fixture else "CIFAR-10"
    assert_that(value >= threshold, func=f"cifar10 test accuracy ({where})", expected=f">= {threshold:.2f}",
                got=round(value, 4), hint=ACCURACY_HINT,
                problem=(f"テスト精度が段階 {tier} の基準に届きません", f"test accuracy is below tier {tier}"),
                likely=[likely(value < CHANCE_LEVEL,
                               "精度が当て推量の水準 (10 クラスで 0.1) に近いです: 画像とラベルの対応(同じ並べ替えで一緒に"
                               "シャッフルしているか)と、forward が入力 x を使っているかを確かめましょう",
                               "the accuracy is near chance level (0.1 for 10 classes): check that images and labels "
                               "stay paired (shuffled with one permutation) and that forward uses its input x")])


def test_accuracy_tier_1(accuracy):
    _check_tier(accuracy, 1)


def test_accuracy_tier_2(accuracy):
    _check_tier(accuracy, 2)


def test_accuracy_tier_3(accuracy):
    _check_tier(accuracy, 3)
