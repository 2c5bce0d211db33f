# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""CIFAR-10 画像分類(GPU)/ CIFAR-10 image classification on a GPU (発展課題 / open task).

CIFAR-10 の 10 クラス分類モデルを自分で設計し、できるだけ高いテスト精度を目指してください。
Design a model for the 10 classes of CIFAR-10 and aim for the highest test accuracy you can.

講義ではオプション課題で、目標の精度も時間もありません(001:3521-3545: MNIST と同じく
``tv.datasets.CIFAR10(..., transform=tv.transforms.ToTensor())`` でデータを得て「より高い精度の
実現を目指して」モデルを設計する)。下の精度の段階と時間制限は、採点のためにこのキットが決めたものです。
In the course this is an optional task with no target accuracy and no time limit (001:3521-3545:
load the data with ``tv.datasets.CIFAR10(..., transform=tv.transforms.ToTensor())`` as for MNIST
and design a model "aiming for higher accuracy"). The accuracy tiers and the time budget below
are the kit's own, set for grading (grading.toml).

データ / Data
    学習データ 50,000 枚、テスト画像 10,000 枚(32x32 カラー)。
    50,000 training images and 10,000 test images, 32x32 colour.
    モデルへの入力は float32 の (N, 3, 32, 32)、値は [0, 1]
    (``torchvision.transforms.ToTensor()`` と同じ並び: チャンネル R, G, B が先)。
    Inputs are float32 tensors (N, 3, 32, 32) with values in [0, 1], the layout
    ``torchvision.transforms.ToTensor()`` gives (channels R, G, B first).
    ラベルは int64 の 0..9 / labels are int64 0..9:
    airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck.

    ``train`` が受け取る ``loader`` は ``(x, y)`` のバッチを返す反復可能オブジェクトです
    (x: CPU 上の (B, 3, 32, 32) float32、y: (B,) int64。1 周ごとにシャッフル)。
    ``loader.images``(N, 3, 32, 32)と ``loader.labels``(N,)で学習データ全体も取れます。
    全部を一度に GPU に載せると速く学習できます。
    The ``loader`` given to ``train`` is an iterable of ``(x, y)`` batches (x: float32
    (B, 3, 32, 32) on the CPU, y: int64 (B,); reshuffled every pass). ``loader.images``
    (N, 3, 32, 32) and ``loader.labels`` (N,) hold the whole training set: moving it to
    the GPU once is the fast way to train.

採点 / How points are earned (grading.toml ``[exercises.cifar10]``)
    1. ``build_model()`` の出力の形が (N, 10) で有限の値か / the output has shape (N, 10) and is finite.
    2. ``train`` がモデルのパラメータを更新するか / ``train`` changes the model's parameters.
    3. 学習後のモデルの出力が入力によって変わるか / the trained model's output depends on its input.
    4. テスト精度の段階 / test-accuracy tiers: 採点側(judge)が全学習データで ``train`` を実行し、
       テスト画像の予測を集めて自分で正解率を計算します(テストのラベルはこちらに渡りません)。
       正解率 0.60 以上、0.75 以上、0.85 以上でそれぞれ点が入ります(キットの既定値。教員が grading.toml で変更できます)。
       The judge runs ``train`` on the whole training set, collects your model's predictions
       on the test images and computes the accuracy itself (the test labels never reach your
       code). Accuracy of at least 0.60, 0.75 and 0.85 each earns points (an instructor sets
       the values in grading.toml).

時間 / Time budget
    採点は GPU 1 枚で行い、``train`` 全体に ``train_seconds``(既定 120 秒)の制限があります。
    超えるとその段階の点は入りません。予測(``model.eval()`` の後、500 枚ずつ)にも制限があります。
    GPU のない環境では精度の採点は「保留 / pending」になり、0 点にはなりません。
    Grading runs on one GPU, and the whole ``train`` call has ``train_seconds`` (120 s by
    default); past it the accuracy tiers earn nothing. Prediction (after ``model.eval()``,
    500 images a batch) has a limit too. Without a GPU the accuracy check is recorded as
    "pending", never as 0.

デバイス / Device
    ``device`` は ``"cuda"`` または ``"cpu"``。安い確認(上の 1〜3)は GPU がなければ CPU で、
    64 枚ほどの小さなデータで行うので、``train`` は CPU でも動くように書いてください。
    ``device`` is ``"cuda"`` or ``"cpu"``. The cheap checks (1-3 above) run on the CPU when
    there is no GPU, with about 64 images, so ``train`` must work on the CPU too.

任意のフック / Optional hooks
    モジュールに ``augment(x)`` や ``normalize(x)`` を定義すると採点側が呼びます
    (このファイル末尾の例を参照)。定義しなければ呼ばれません。
    Define ``augment(x)`` and/or ``normalize(x)`` at module level and the judge calls them
    (see the example at the end of this file); leave them out and nothing is called.

    - ``augment(x)``: ``loader`` を回すと、学習バッチごとに(CPU 上で)呼ばれます。
      called on each training batch (on the CPU) as you iterate over ``loader``.
    - ``normalize(x)``: ``loader`` のバッチ(augment の後)と、予測時のテスト画像(``device`` 上)に
      呼ばれます。on every batch ``loader`` yields (after augment) and on the test images
      before prediction (on ``device``): use tensor operations only.
    - ``loader.images`` を直接使う場合、フックは適用されません(予測時の normalize は適用されます)。
      When you use ``loader.images`` directly the hooks are not applied for you (prediction
      still applies ``normalize``). 正規化をモデルの中で行えば迷いません /
      normalising inside the model avoids the question.

ルール / Rules
    ダウンロード・ネットワーク・ファイルの読み書きは使えません。大量の print は避けてください。
    No downloads, network or files; keep printing small.

参考 / Reference
    解答例は airbench(Keller Jordan)にならった小さな VGG 風 CNN です。
    The reference follows airbench (Keller Jordan): a small VGG-like CNN with BatchNorm and GELU,
    a whitening first layer, channels_last and bfloat16 autocast, label smoothing, Nesterov SGD,
    flip + translate augmentation and flip/shift test-time augmentation.
"""
import torch
from torch import nn
import torch.nn.functional as F


def build_model():
    """モデルを作って返す / Build and return the model.

    戻り値 / Returns:
        ``torch.nn.Module``。入力 (N, 3, 32, 32) float32、値 [0, 1] → 出力 (N, 10) のロジット
        (softmax の前の値)。an ``nn.Module`` mapping (N, 3, 32, 32) float32 images in [0, 1]
        to (N, 10) logits (before softmax).
    ヒント / Hint:
        Conv2d → BatchNorm2d → 活性化 → MaxPool2d を数段重ね、最後に Linear で 10 クラスへ。
        入力の正規化(平均を引き標準偏差で割る)をモデルの最初に入れると学習が安定します。
        Stack a few Conv2d → BatchNorm2d → activation → MaxPool2d stages and end with a Linear
        to 10 classes. Normalising the input (subtract the mean, divide by the std) as the
        model's first step steadies training.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: cifar10.build_model")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def train(model, loader, device):
    """モデルを学習する / Train the model in place.

    入力 / Input:
        model: ``build_model()`` が返したモデル / the model from ``build_model()``
        loader: ``(x, y)`` バッチの反復可能オブジェクト。x は CPU 上の (B, 3, 32, 32) float32
            (値 [0, 1])、y は (B,) int64。``loader.images`` / ``loader.labels`` で全データも取れます。
            an iterable of ``(x, y)`` batches, x float32 (B, 3, 32, 32) in [0, 1] on the CPU,
            y int64 (B,); ``loader.images`` / ``loader.labels`` hold the whole set.
        device: ``"cuda"`` または ``"cpu"`` / ``"cuda"`` or ``"cpu"``
    戻り値 / Returns:
        何でもよい(採点側は ``model`` を使います) / anything (the judge uses ``model``)
    ヒント / Hint:
        model.to(device)、model.train()、バッチも .to(device)。損失は CrossEntropyLoss、
        最適化は SGD(momentum)や Adam。時間制限に注意して epoch 数を決めましょう。
        左右反転や数ピクセルの平行移動によるデータ拡張が効きます。
        model.to(device), model.train(), move each batch with .to(device); CrossEntropyLoss
        with SGD (momentum) or Adam. Choose the number of epochs with the time budget in mind.
        Random horizontal flips and shifts by a few pixels help.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: cifar10.train")
    # ============ ここまで / YOUR CODE ENDS HERE ============


# 任意のフック(使うときはコメントを外す)/ Optional hooks (uncomment to use):
#
# def augment(x):
#     """学習バッチ x (B, 3, 32, 32) [0, 1] を左右反転 / mirror half of a training batch."""
#     flip = torch.rand(x.shape[0], 1, 1, 1) < 0.5
#     return torch.where(flip, x.flip(-1), x)
#
#
# def normalize(x):
#     """学習と予測の両方でモデルの前に適用 / applied before the model in training and prediction."""
#     mean = torch.tensor([0.4914, 0.4822, 0.4465], device=x.device).view(1, 3, 1, 1)
#     std = torch.tensor([0.2470, 0.2435, 0.2616], device=x.device).view(1, 3, 1, 1)
#     return (x - mean) / std
