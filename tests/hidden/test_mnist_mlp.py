"""Hidden suite: mnist_mlp (MLP, train, evaluate, save, load) on the bundled MNIST subset.

Lecture 001:2806-3097 (the 784-300-10 network with ReLU, Adam, batches of 100, the epoch loss
as the sum of the batch losses, accuracy from y.max(dim=1)[1]) and 001:3336-3470 (the class
version: 784-300-300-10, train / test, state_dict saved and loaded). Both network shapes and
both per-epoch losses (the lecture's sum, or the mean) earn full marks.

The judge loads the data itself (autograder.data.mnist), sends the training images and labels
to the submission, builds the loader there with the kit's helper, trains the submitted MLP with
the submitted train() under a time limit, and computes the accuracy itself from predictions on
the hidden test digits (data/hidden/, never released; their labels never enter the
submission), so a model that memorises the released digits earns nothing there. The other
tests use the released training and validation digits. Thresholds and budgets: grading.toml
[exercises.mnist_mlp.settings] (calibration figures are recorded there).
"""
import functools

import numpy as np

from autograder.checks import assert_close, assert_that, likely
from autograder.data.mnist import load_mnist, load_mnist_hidden

# 784-300-10 (001:3011-3020) or the lecture's class 784-300-300-10 (001:3361-3371)
N_PARAMETERS = {784 * 300 + 300 + 300 * 10 + 10: "784-300-10",
                784 * 300 + 300 + 300 * 300 + 300 + 300 * 10 + 10: "784-300-300-10"}
MLP_HINT = ("nn.Linear(784, 300) → ReLU → nn.Linear(300, 10)(または 784-300-300-10)、入力は (N, 784)、出力は softmax 前の (N, 10)",
            "nn.Linear(784, 300) → ReLU → nn.Linear(300, 10) (or 784-300-300-10); input (N, 784), output (N, 10) "
            "logits before softmax")
TRAIN_HINT = ("バッチごとに optimizer.zero_grad() → 損失 → loss.backward() → optimizer.step()。Adam(lr=1e-3) と CrossEntropyLoss",
              "per batch: optimizer.zero_grad() → loss → loss.backward() → optimizer.step(); Adam(lr=1e-3), CrossEntropyLoss")
EVAL_HINT = ("argmax(dim=1) が正解と一致した数を、バッチ数ではなく全データ数で割ります",
             "count argmax(dim=1) == labels and divide by the number of samples, not of batches")
# A trained model's loss after 3 epochs must fall below these shares of where it started (calibration
# in the test): the losses train() reports, and the judge's own cross entropy of the model's outputs.
REPORTED_LOSS_RATIO = 0.8
OWN_LOSS_RATIO = 0.5
SAVE_HINT = ("save は torch.save(model.state_dict(), path)、load は MLP() に load_state_dict",
             "save: torch.save(model.state_dict(), path); load: MLP() then load_state_dict")


@functools.lru_cache(maxsize=None)
def subset(train: bool):
    """The released digits: training (4,000) or validation (500)."""
    images, labels = load_mnist(train=train)
    images = (images / 255.0).astype(np.float32)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


@functools.lru_cache(maxsize=None)
def hidden_test_set():
    """The hidden test digits (500): only the images are sent to the submission."""
    images, labels = load_mnist_hidden()
    images = (images / 255.0).astype(np.float32)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def cross_entropy(outputs, labels):
    """Mean cross entropy of raw outputs (logits), computed by the judge."""
    shifted = outputs - outputs.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(len(labels)), labels]))


NOT_TRAINED = ("学習の前後でモデルのパラメータが変わっていません: 渡された model のパラメータで optimizer を作り、"
               "optimizer.step() を呼んでいますか",
               "the model's parameters are the same before and after train(): is the optimizer made from the "
               "parameters of the model you were given, and is optimizer.step() called?")


def _unchanged(before, after) -> bool:
    before, after = np.asarray(before, dtype=np.float64), np.asarray(after, dtype=np.float64)
    return before.shape == after.shape and bool(np.all(np.abs(after - before) <= 1e-9 * (1 + np.abs(before))))


def new_model(submission, seed):
    submission.helper("seed_everything", seed)
    return submission.mnist_mlp.MLP()


def test_mlp_output_shape_and_size(submission):
    model = new_model(submission, 0)
    x, _ = subset(False)
    out = submission.helper("model_outputs", model, x[:7])
    assert_close(np.asarray(out).shape, (7, 10), func="mnist_mlp.MLP()(x of shape (7, 784)).shape",
                 check_shape=False, hint=MLP_HINT)
    count = submission.helper("parameter_count", model)
    assert_that(count in N_PARAMETERS, func="mnist_mlp.MLP(): number of parameters",
                expected=" or ".join(f"{n} ({shape})" for n, shape in N_PARAMETERS.items()), got=count,
                problem=("パラメータの数が違います", "wrong number of parameters"), hint=MLP_HINT)


def test_mlp_is_not_affine(submission):
    """Without the ReLU the network is affine: f(a) + f(b) - f(0) == f(a + b)."""
    model = new_model(submission, 1)
    x, _ = subset(False)
    a, b = x[:5], x[5:10]
    out = np.asarray(submission.helper("model_outputs", model, np.concatenate([a, b, a + b, np.zeros_like(a)])))
    fa, fb, fab, f0 = out[:5], out[5:10], out[10:15], out[15:]
    gap = float(np.max(np.abs(fa + fb - f0 - fab)))
    assert_that(gap > 1e-3 * max(1.0, float(np.max(np.abs(out)))), func="mnist_mlp.MLP", got=f"max |f(a)+f(b)-f(0)-f(a+b)| = {gap:.2e}",
                problem=("出力が入力の一次式になっています(ReLU がない?)", "the output is an affine function of the input (no ReLU?)"),
                hint=MLP_HINT)


def test_train_reaches_accuracy(submission, settings):
    # Every number the check and its message use is read once, from grading.toml.
    seed, epochs, min_accuracy = settings["seed"], settings["train_epochs"], settings["min_accuracy"]
    x_train, y_train = subset(True)
    x_test, y_test = hidden_test_set()
    model = new_model(submission, seed)
    before = np.asarray(submission.helper("parameter_digest", model))
    loader = submission.helper("tensor_loader", x_train, y_train, batch_size=settings["batch_size"],
                               shuffle=True, seed=seed)
    with submission.time_limit(settings["train_seconds"]):
        losses = submission.mnist_mlp.train(model, loader, epochs=epochs)
    unchanged = _unchanged(before, submission.helper("parameter_digest", model))
    predictions = np.asarray(submission.helper("predict_classes", model, x_test))
    assert_close(predictions.shape, y_test.shape, func="predictions on the hidden test digits", check_shape=False)
    accuracy = float(np.mean(predictions == y_test))
    assert_that(accuracy >= min_accuracy, func=f"mnist_mlp.train(model, loader, epochs={epochs})",
                expected=f">= {min_accuracy}", got=accuracy,
                problem=(f"{epochs} エポック学習後、配布されていないテスト画像 {len(y_test)} 枚での精度が低すぎます",
                         f"after {epochs} epochs, the accuracy on {len(y_test)} test digits that are not in the "
                         "release is too low"), hint=TRAIN_HINT,
                likely=[likely(unchanged, NOT_TRAINED[0], NOT_TRAINED[1])])
    assert_that(isinstance(losses, list) and len(losses) == epochs, func=f"mnist_mlp.train(model, loader, epochs={epochs})",
                expected=f"a list of {epochs} losses", got=losses,
                problem=("エポックごとの損失のリストを返してください", "return the list of per-epoch losses"), hint=TRAIN_HINT)


def test_train_returns_decreasing_epoch_losses(submission, settings):
    x_train, y_train = subset(True)
    x, y = x_train[:1000], y_train[:1000]
    batches = 10
    model = new_model(submission, 2)
    before = cross_entropy(np.asarray(submission.helper("model_outputs", model, x)), y)
    parameters = np.asarray(submission.helper("parameter_digest", model))
    loader = submission.helper("tensor_loader", x, y, batch_size=100, shuffle=True, seed=2)
    with submission.time_limit(settings["train_seconds"]):
        losses = submission.mnist_mlp.train(model, loader, epochs=3)
    outputs = np.asarray(submission.helper("model_outputs", model, x))
    after = cross_entropy(outputs, y)
    unchanged = _unchanged(parameters, submission.helper("parameter_digest", model))
    squeezed = bool(np.all((outputs >= 0) & (outputs <= 1)))
    causes = [likely(unchanged, *NOT_TRAINED),
              likely(squeezed, "学習後のモデルの出力がすべて 0 から 1 の間です: 最後の層にシグモイドなどの活性化関数をかけて"
                               "いませんか(出力はソフトマックス前のスコア)",
                     "after training every output lies between 0 and 1: is there a sigmoid (or another activation) "
                     "on the last layer? The outputs are logits, before softmax")]
    # each epoch's loss: the mean of its 10 batch losses, or their sum as in the lecture (001:3052-3062)
    ok = (isinstance(losses, list) and len(losses) == 3 and all(isinstance(v, float) for v in losses)
          and all(np.isfinite(v) and 0 < v < 5 * batches for v in losses))
    assert_that(ok, func="mnist_mlp.train(model, loader, epochs=3)",
                expected="3 finite floats (each epoch's batch losses, their mean or their sum)",
                got=losses, problem=("エポックごとの損失を float のリストで返してください",
                                     "return each epoch's loss as a list of floats"),
                hint=(".item() で float に。バッチの損失の合計(講義)か平均", "use .item(); the sum of the batch losses (as in the lecture) or their mean"))
    # the reference goes from about 2.0 to 0.75 (ratio 0.38, seeds 0-3); a model that never learns stays near 1
    assert_that(losses[2] < REPORTED_LOSS_RATIO * losses[0], func="mnist_mlp.train(model, loader, epochs=3)", got=losses,
                expected=f"losses[2] < {REPORTED_LOSS_RATIO} * losses[0]",
                problem=("損失が十分に減っていません(学習が進んでいない)", "the loss does not go down (the model is not learning)"),
                hint=TRAIN_HINT, likely=causes)
    # the judge's own cross entropy of the model's outputs on these digits: the reference goes from
    # 2.31 to 0.58-0.59 (784-300-300-10: 0.49-0.51); a sigmoid on the outputs stops near 1.77, and a
    # train() that reports losses without training the model stays at 2.3
    assert_that(after < OWN_LOSS_RATIO * before, func="mnist_mlp.train(model, loader, epochs=3)",
                expected=f"cross entropy of the trained model on its training digits < {OWN_LOSS_RATIO * before:.3f} "
                         f"({OWN_LOSS_RATIO} × {before:.3f} before training)",
                got=f"{after:.3f} (before training {before:.3f})",
                problem=("学習後のモデルの損失が十分に下がっていません", "the trained model's own loss did not go down enough"),
                hint=("出力はソフトマックス前のスコア(最後の層に活性化関数をつけない)、optimizer.step() で model のパラメータを更新",
                      "the outputs are logits (no activation after the last layer); optimizer.step() updates the model's parameters"),
                likely=[*causes, likely(losses[2] < REPORTED_LOSS_RATIO * losses[0],
                                        "train() の返す損失は下がっていますが、モデル自身の出力の損失は下がっていません: "
                                        "その損失を計算したモデルを学習していない(渡された model を学習していない)",
                                        "train() reports falling losses, but the model's own outputs did not improve: "
                                        "the model you were given is not being trained")])


def test_evaluate_counts_correct_samples(submission):
    """Labels made from the model's own predictions, 92 of 250 changed: accuracy is exactly 158/250."""
    model = new_model(submission, 3)
    x, _ = subset(False)
    x = x[:250]
    predictions = np.asarray(submission.helper("predict_classes", model, x))
    labels = predictions.copy()
    labels[:92] = (labels[:92] + 1) % 10
    loader = submission.helper("tensor_loader", x, labels, batch_size=100, shuffle=False)
    got = submission.mnist_mlp.evaluate(model, loader)
    # batches of 100, 100, 50: 8, 100 and 50 right
    per_batch = [8 / 100, 100 / 100, 50 / 50]
    assert_close(got, 158 / 250, func="mnist_mlp.evaluate (250 samples, batches of 100)", rtol=1e-9, hint=EVAL_HINT,
                 likely=[likely(sum(per_batch) / len(per_batch),
                                "バッチごとの正解率の平均です: 最後のバッチが小さいと全体の正解率と違います。正解数の合計を全データ数で割ります",
                                "this is the mean of the per-batch accuracies, which is off when the last batch is "
                                "smaller; divide the total count by the number of samples")])


def test_evaluate_all_correct_and_all_wrong(submission):
    model = new_model(submission, 4)
    x, _ = subset(False)
    x = x[250:370]
    predictions = np.asarray(submission.helper("predict_classes", model, x))
    right = submission.helper("tensor_loader", x, predictions, batch_size=50, shuffle=False)
    wrong = submission.helper("tensor_loader", x, (predictions + 3) % 10, batch_size=50, shuffle=False)
    evaluate = submission.mnist_mlp.evaluate
    assert_close(evaluate(model, right), 1.0, func="mnist_mlp.evaluate (every label right)", hint=EVAL_HINT,
                 likely=[likely(lambda got: got < 0.5,
                                "ここでのラベルはモデル自身の argmax(dim=1) なのに、ほとんど一致していません: "
                                "argmax はクラスの軸 dim=1 で取ります(dim=0 はバッチの軸)",
                                "every label here is the model's own argmax(dim=1), yet few match: take argmax over "
                                "the class axis, dim=1 (dim=0 runs over the batch)")])
    assert_close(evaluate(model, wrong), 0.0, func="mnist_mlp.evaluate (every label wrong)", atol=1e-12, hint=EVAL_HINT)


def test_save_and_load_roundtrip(submission):
    model = new_model(submission, 5)
    x, _ = subset(False)
    expected = np.asarray(submission.helper("model_outputs", model, x[:20]))  # before save and load
    path = submission.helper("scratch_path", "model.pt")
    submission.mnist_mlp.save(model, path)
    submission.helper("seed_everything", 6)
    loaded = submission.mnist_mlp.load(path)
    got = np.asarray(submission.helper("model_outputs", loaded, x[:20]))
    assert_close(got, expected, func="mnist_mlp.load(path) after save(model, path)", rtol=1e-6, atol=1e-6,
                 hint=SAVE_HINT,
                 likely=[likely(lambda got: np.max(np.abs(np.asarray(got) - expected)) > 1e-2,
                                "保存前のモデルとまったく違う出力です: 保存したパラメータを読み込んでいません"
                                "(MLP() のあとに load_state_dict(torch.load(path)))",
                                "the outputs are nothing like the saved model's: the saved parameters were not loaded "
                                "(MLP(), then load_state_dict(torch.load(path)))")])
    assert_that(submission.helper("parameter_count", loaded) in N_PARAMETERS, func="mnist_mlp.load: parameters",
                expected=" or ".join(map(str, N_PARAMETERS)), got=submission.helper("parameter_count", loaded),
                problem=("読み込んだモデルのパラメータの数が違います", "the loaded model has the wrong number of parameters"),
                hint=SAVE_HINT)
