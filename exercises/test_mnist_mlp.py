"""自己チェック: MNIST の多層パーセプトロン / Self-check: an MLP on MNIST.

講義 001:2806-3142, 3336-3470。同梱の小さな MNIST(訓練 4,000 枚で学習し、検証用 500 枚で確かめる)で
数秒だけ学習します。講義は全 MNIST で 10 エポック学習して 97.98% でした。ここでは少ないデータなので
9 割前後が目安です。採点は配布されない別の 500 枚で精度を測ります。
Lecture 001:2806-3142, 3336-3470. Trains for a few seconds on the bundled subset (4,000 training
digits) and checks on the 500 validation digits. The lecture reached 97.98% on the full MNIST
after 10 epochs; on this small subset expect about 0.9. Grading measures accuracy on another 500
digits that are not in the release.
"""
import numpy as np

from autograder.checks import assert_close, assert_that
from autograder.data.mnist import load_mnist

# 784-300-10 (001:3011-3020) または講義のクラス版 784-300-300-10 (001:3361-3371)
SIZES = {784 * 300 + 300 + 300 * 10 + 10: "784-300-10", 784 * 300 + 300 + 300 * 300 + 300 + 300 * 10 + 10: "784-300-300-10"}
TRAIN_HINT = ("バッチごとに zero_grad → 損失 → backward → step、Adam(lr=1e-3)、出力層に活性化関数はつけない",
              "per batch zero_grad → loss → backward → step, Adam(lr=1e-3), no activation on the output layer")


def data(train):
    images, labels = load_mnist(train=train)
    return (images / 255.0).astype(np.float32), labels


def test_mlp_shape_and_relu(submission):
    model = submission.mnist_mlp.MLP()
    out = submission.helper("model_outputs", model, np.zeros((3, 784), dtype=np.float32))
    assert_close(np.asarray(out).shape, (3, 10), func="mnist_mlp.MLP()(x of shape (3, 784)).shape", check_shape=False,
                 hint=("784 → 300 → 10、中間層は ReLU", "784 → 300 → 10 with ReLU in between"))
    count = submission.helper("parameter_count", model)
    assert_that(count in SIZES, func="mnist_mlp.MLP(): number of parameters", expected=" or ".join(SIZES.values()),
                got=count, problem=("層の大きさが違います", "wrong layer sizes"),
                hint=("nn.Linear(784, 300) と nn.Linear(300, 10)", "nn.Linear(784, 300) and nn.Linear(300, 10)"))
    # ReLU がなければ出力は入力の一次式: f(a) + f(b) - f(0) = f(a + b) / without ReLU the network is affine
    x, _ = data(False)
    a, b = x[10:14], x[20:24]
    out = np.asarray(submission.helper("model_outputs", model, np.concatenate([a, b, a + b, np.zeros_like(a)])))
    gap = float(np.max(np.abs(out[:4] + out[4:8] - out[12:] - out[8:12])))
    assert_that(gap > 1e-3 * max(1.0, float(np.max(np.abs(out)))), func="mnist_mlp.MLP",
                got=f"max |f(a)+f(b)-f(0)-f(a+b)| = {gap:.2e}",
                problem=("出力が入力の一次式になっています(ReLU がない?)", "the output is an affine function of the input (no ReLU?)"),
                hint=("線形 → ReLU → 線形", "linear → ReLU → linear"))


def test_train_and_evaluate(submission, settings):
    submission.helper("seed_everything", 0)
    model = submission.mnist_mlp.MLP()   # first: an untouched stub stops here, before the data loads
    x_train, y_train = data(True)
    x_val, y_val = data(False)
    loader = submission.helper("tensor_loader", x_train, y_train, batch_size=100, shuffle=True, seed=0)
    with submission.time_limit(settings.get("train_seconds", 60)):
        losses = submission.mnist_mlp.train(model, loader, epochs=3)
    assert_that(isinstance(losses, list) and len(losses) == 3 and all(isinstance(v, float) for v in losses)
                and losses[2] < 0.8 * losses[0], func="mnist_mlp.train(..., epochs=3)",
                expected="3 decreasing floats", got=losses,
                problem=("エポックごとの損失(バッチの損失の合計か平均)を float のリストで返してください",
                         "return the per-epoch losses (the sum or mean of the batch losses) as a list of floats"),
                hint=TRAIN_HINT)
    val_loader = submission.helper("tensor_loader", x_val, y_val, batch_size=100)
    accuracy = submission.mnist_mlp.evaluate(model, val_loader)
    assert_that(0.85 <= accuracy <= 1.0, func="mnist_mlp.evaluate after 3 epochs (validation digits)",
                expected=">= 0.85", got=accuracy, problem=("検証データでの精度が低すぎます", "validation accuracy is too low"),
                hint=TRAIN_HINT)
    # 形を覚えたモデルは、少しノイズをのせた数字も読めます / a model that learned shapes reads slightly noisy digits too
    noisy = np.clip(x_val + np.random.default_rng(1).uniform(-4 / 255, 4 / 255, size=x_val.shape), 0, 1)
    predictions = np.asarray(submission.helper("predict_classes", model, noisy.astype(np.float32)))
    noisy_accuracy = float(np.mean(predictions == y_val))
    assert_that(noisy_accuracy >= 0.85, func="mnist_mlp: the trained model on validation digits with slight noise",
                expected=">= 0.85", got=noisy_accuracy,
                problem=("見たことのない画像で精度が出ません(画像を覚えているだけ?)",
                         "accuracy drops on images it has not seen (does it only memorise images?)"), hint=TRAIN_HINT)
    # 学習後のモデル自身の損失 / the trained model's own loss on what it learned from
    outputs = np.asarray(submission.helper("model_outputs", model, x_train[:500]))
    shifted = outputs - outputs.max(axis=1, keepdims=True)
    loss = float(np.mean(np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(500), y_train[:500]]))
    assert_that(loss < 0.8, func="mnist_mlp: cross entropy of the trained model's outputs on training digits",
                expected="< 0.8", got=loss, problem=("学習後の損失が下がっていません", "the trained model's loss is still high"),
                hint=("出力はソフトマックス前のスコア(シグモイドなどをかけない)", "the outputs are logits (no sigmoid or other activation)"))


def test_evaluate_counts_samples(submission):
    # ラベルをモデル自身の予測から作り、130 枚中 40 枚を変える → 正解率はちょうど 90/130
    # labels from the model's own predictions, 40 of 130 changed: the accuracy is exactly 90/130
    submission.helper("seed_everything", 3)
    model = submission.mnist_mlp.MLP()
    x = data(False)[0][100:230]
    labels = np.asarray(submission.helper("predict_classes", model, x)).copy()
    labels[-40:] = (labels[-40:] + 1) % 10
    loader = submission.helper("tensor_loader", x, labels, batch_size=50)  # batches of 50, 50, 30
    assert_close(submission.mnist_mlp.evaluate(model, loader), 90 / 130, rtol=1e-9,
                 func="mnist_mlp.evaluate (130 samples in batches of 50)",
                 hint=("正解数を全データ数で割ります(バッチ数ではなく)。argmax は dim=1",
                       "divide the correct count by the number of samples (not of batches); argmax over dim=1"))


def test_save_and_load(submission):
    model = submission.mnist_mlp.MLP()
    x = data(False)[0][:5]
    expected = submission.helper("model_outputs", model, x)
    path = submission.helper("scratch_path", "model.pt")
    submission.mnist_mlp.save(model, path)
    loaded = submission.mnist_mlp.load(path)
    assert_close(submission.helper("model_outputs", loaded, x), expected,
                 func="mnist_mlp.load(path)", rtol=1e-6, atol=1e-6,
                 hint=("state_dict を保存し、MLP() に load_state_dict", "save the state_dict; load it into MLP()"))
