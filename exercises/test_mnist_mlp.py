"""自己チェック: MNIST の多層パーセプトロン / Self-check: an MLP on MNIST.

同梱の小さな MNIST(訓練 4,000 枚・テスト 1,000 枚)で数秒だけ学習します。全 MNIST で 10 エポック
学習すると講義では 97.98% でした。ここでは少ないデータなので 9 割前後が目安です。
Trains for a few seconds on the bundled subset (4,000 training / 1,000 test digits). The lecture
reached 97.98% on the full MNIST after 10 epochs; on this small subset expect about 0.9.
"""
import numpy as np

from autograder.checks import assert_close, assert_that
from autograder.data.mnist import load_mnist


def data(train):
    images, labels = load_mnist(train=train)
    return (images / 255.0).astype(np.float32), labels


def test_mlp_output_shape(submission):
    model = submission.mnist_mlp.MLP()
    out = submission.helper("model_outputs", model, np.zeros((3, 784), dtype=np.float32))
    assert_close(np.asarray(out).shape, (3, 10), func="mnist_mlp.MLP()(x of shape (3, 784)).shape", check_shape=False,
                 hint=("784 → 300 → 10、中間層は ReLU", "784 → 300 → 10 with ReLU in between"))


def test_train_and_evaluate(submission, settings):
    x_train, y_train = data(True)
    x_test, y_test = data(False)
    submission.helper("seed_everything", 0)
    model = submission.mnist_mlp.MLP()
    loader = submission.helper("tensor_loader", x_train, y_train, batch_size=100, shuffle=True, seed=0)
    with submission.time_limit(settings.get("train_seconds", 60)):
        losses = submission.mnist_mlp.train(model, loader, epochs=3)
    assert_that(isinstance(losses, list) and len(losses) == 3, func="mnist_mlp.train(..., epochs=3)",
                expected="3 losses", got=losses, problem=("エポックごとの損失のリストを返してください",
                                                          "return the list of per-epoch losses"))
    test_loader = submission.helper("tensor_loader", x_test, y_test, batch_size=100)
    accuracy = submission.mnist_mlp.evaluate(model, test_loader)
    assert_that(0.85 <= accuracy <= 1.0, func="mnist_mlp.evaluate after 3 epochs", expected=">= 0.85", got=accuracy,
                problem=("テスト精度が低すぎます", "test accuracy is too low"),
                hint=("zero_grad → backward → step の順、Adam(lr=1e-3)", "zero_grad → backward → step; Adam(lr=1e-3)"))


def test_save_and_load(submission):
    model = submission.mnist_mlp.MLP()
    path = submission.helper("scratch_path", "model.pt")
    submission.mnist_mlp.save(model, path)
    loaded = submission.mnist_mlp.load(path)
    x = data(False)[0][:5]
    assert_close(submission.helper("model_outputs", loaded, x), submission.helper("model_outputs", model, x),
                 func="mnist_mlp.load(path)", rtol=1e-6, atol=1e-6,
                 hint=("state_dict を保存し、MLP() に load_state_dict", "save the state_dict; load it into MLP()"))
