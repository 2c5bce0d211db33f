# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""MNIST を多層パーセプトロンで学習する / Training an MLP on MNIST with PyTorch.

入力は 28×28 の画像を平らにした (N, 784) の float32(画素値 / 255、0〜1)、ラベルは 0〜9 の int64。
Inputs are flattened 28×28 images, float32 of shape (N, 784) (pixels / 255, in [0, 1]);
labels are int64 digits 0..9. A loader yields batches (x, y) of those.
講義では Adam・バッチ 100・10 エポックで全 MNIST のテスト精度 97.98% でした(001:3122-3142)。
In the lecture, Adam with batches of 100 for 10 epochs reached 97.98% on the full MNIST test set
(001:3122-3142). 講義 / lecture: 001:2806-3142 (関数版 / function version), 001:3336-3470
(クラス版 / class version).

採点の精度は配布されない隠しテスト用の数字(500 枚)で測ります。配布の検証用 500 枚は自己チェック用です。
Grading measures accuracy on 500 hidden test digits that are never released; the 500 released
validation digits are for the self-checks.
"""
import torch
from torch import nn


class MLP(nn.Module):
    """784 → 300 → 10 の全結合ネットワーク(中間層は ReLU)/ a 784-300-10 network with ReLU
    (001:3011-3026)。講義のクラス版の 784 → 300 → 300 → 10(001:3361-3371)でも正解です。
    The lecture's class version, 784 → 300 → 300 → 10 (001:3361-3371), is accepted too.

    入力 / Input: 形 (N, 784) のテンソル / a tensor of shape (N, 784)
    出力 / Output: 形 (N, 10) のロジット(softmax 前のスコア)/ logits of shape (N, 10), before softmax
    ヒント / Hint:
        __init__ で nn.Linear を 2 つ作り、forward で 線形 → ReLU → 線形 と計算します。
        softmax は入れません(nn.CrossEntropyLoss が内部で計算します)。
        Make two nn.Linear layers in __init__; forward is linear → ReLU → linear. No softmax at
        the end: nn.CrossEntropyLoss applies it itself.
    """

    def __init__(self):
        super().__init__()
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: mnist_mlp.MLP.__init__")
        # ============ ここまで / YOUR CODE ENDS HERE ============

    def forward(self, x):
        # ============ ここから書く / YOUR CODE STARTS HERE ============
        raise NotImplementedError("未着手 / not started: mnist_mlp.MLP.forward")
        # ============ ここまで / YOUR CODE ENDS HERE ============


def train(model, loader, epochs=10, device="cpu"):
    """model を loader のデータで epochs 回学習し、エポックごとの損失を返します。

    Trains ``model`` for ``epochs`` passes over ``loader``; returns each epoch's loss.
    講義はエポックごとにバッチの損失を足し合わせます(001:3052-3062, 3422-3434)。その合計でも、
    バッチ数で割った平均でも正解です。
    The lecture adds up the batch losses of each epoch (001:3052-3062, 3422-3434); that sum and
    the mean over the batches are both accepted.

    入力 / Input:
        model: MLP などの nn.Module / an nn.Module such as MLP
        loader: (x, y) のバッチを返す DataLoader。x は (B, 784) float32、y は (B,) int64
                a DataLoader of batches (x, y): x float32 (B, 784), y int64 (B,)
        epochs: エポック数 / number of epochs
        device: "cpu" または "cuda" / "cpu" or "cuda"
    戻り値 / Returns:
        長さ epochs の float のリスト(各エポックのバッチ損失の平均、または合計)
        a list of ``epochs`` floats (each epoch's mean batch loss, or their sum)
    ヒント / Hint:
        損失は nn.CrossEntropyLoss、最適化は torch.optim.Adam(model.parameters(), lr=1e-3)。
        バッチごとに zero_grad → 順伝播 → 損失 → backward → step の順です。model.train() を忘れずに。
        Loss nn.CrossEntropyLoss, optimizer torch.optim.Adam(model.parameters(), lr=1e-3). Per batch:
        zero_grad → forward → loss → backward → step. Call model.train() first.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: mnist_mlp.train")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def evaluate(model, loader, device="cpu"):
    """loader のデータでの正解率(0〜1 の float)を返します。

    Returns the accuracy of ``model`` on ``loader`` as a float between 0 and 1.

    入力 / Input:
        model: 学習済みの nn.Module / a trained nn.Module
        loader: (x, y) のバッチを返す DataLoader(最後のバッチは小さいこともある)
                a DataLoader of batches (x, y) (the last batch may be smaller)
        device: "cpu" または "cuda" / "cpu" or "cuda"
    戻り値 / Returns:
        正解数 / 全データ数 の float / correct predictions / number of samples, as a float
    ヒント / Hint:
        model.eval() と torch.no_grad() の中で、出力の argmax(dim=1)(講義では y.max(dim=1)[1],
        001:3096)を正解と比べて数えます。
        割る数はバッチ数ではなくデータ数です。
        Inside model.eval() and torch.no_grad(), compare argmax(dim=1) of the outputs with the labels
        and count; divide by the number of samples, not the number of batches.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: mnist_mlp.evaluate")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def save(model, path):
    """model のパラメータ(state_dict)を path に保存します / saves the model's state_dict to ``path``
    (001:3435).

    ヒント / Hint:
        torch.save(model.state_dict(), path)。モデルそのものではなく state_dict を保存します。
        Save the state_dict, not the model object.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: mnist_mlp.save")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def load(path):
    """save で保存したパラメータを読み込んだ MLP を返します / returns an MLP with the saved parameters
    (001:3452-3458).

    戻り値 / Returns:
        パラメータを読み込んだ MLP(評価モード)/ an MLP holding the saved parameters (in eval mode)
    ヒント / Hint:
        MLP() を作り、torch.load(path, weights_only=True) の結果を load_state_dict に渡します。
        Build MLP(), then pass torch.load(path, weights_only=True) to load_state_dict.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: mnist_mlp.load")
    # ============ ここまで / YOUR CODE ENDS HERE ============
