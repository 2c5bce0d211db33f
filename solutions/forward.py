"""ニューラルネットワークの順伝播 / The forward pass of a neural network (『ゼロから作るDeep Learning』3章 / chapter 3).

重み行列は授業と同じ (出力, 入力) の形です(000:616-646、MNIST の W1 は 50x784 (000:732)、
torch.nn.Linear と同じ)。1 層の計算は、1 サンプル x (形 (in,)) なら授業どおり
``sig(np.dot(W, x) + b)`` (000:598-646)、バッチ X (形 (N, in)) なら ``X @ W.T + b`` です。
``x @ W.T + b`` は 1 サンプルでもバッチでもそのまま使えます。
採点は 1 サンプルの点とバッチの点に分かれています: 授業の ``np.dot(W, x)`` の形は
1 サンプルの点をすべて取れ、バッチ (predict のバッチと accuracy) の点だけを失います。
Weight matrices are (out, in), as in the course (000:616-646; MNIST's W1 is 50x784,
000:732) and torch.nn.Linear. A layer computes ``sig(np.dot(W, x) + b)`` for one sample
x of shape (in,), as the course does (000:598-646), and ``X @ W.T + b`` for a batch X of
shape (N, in); ``x @ W.T + b`` works for both. One-sample and batch behaviour earn
separate points: the course's ``np.dot(W, x)`` earns every one-sample point and loses
only the batch points (batches through forward and predict, and accuracy).

sigmoid, identity_function, softmax は用意してあります(活性化関数の課題と同じもの)。
sigmoid, identity_function and softmax are given (the same as in the activations exercise).
"""
import numpy as np


def sigmoid(x):
    """シグモイド関数(用意済み) / Sigmoid (given)."""
    return 1 / (1 + np.exp(-x))


def identity_function(x):
    """恒等関数(用意済み) / Identity (given): the output layer of forward()."""
    return x


def softmax(x):
    """ソフトマックス関数(用意済み) / Softmax over the last axis (given), stable for large inputs."""
    x = np.asarray(x, dtype=np.float64)
    exp = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp / np.sum(exp, axis=-1, keepdims=True)


def init_network():
    """授業の 3 層ネットワークの重み / The weights of the course's 3-layer network (000:616-646, book 3.4.3).

    次の値を持つ辞書を返します(重みは (出力, 入力) の形)。
    Returns a dict with these values (weights are (out, in)):

    - W1 = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]  (3, 2),  b1 = [0.1, 0.2, 0.3]
    - W2 = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]    (2, 3),  b2 = [0.1, 0.2]
    - W3 = [[0.1, 0.2], [0.3, 0.4]]              (2, 2),  b3 = [0.1, 0.2]

    戻り値 / Returns:
        dict: キー 'W1' 'b1' 'W2' 'b2' 'W3' 'b3'、値は float の NumPy 配列
        keys 'W1' 'b1' 'W2' 'b2' 'W3' 'b3', values float NumPy arrays
    ヒント / Hint:
        空の辞書 network = {} を作り、network['W1'] = np.array(...) のように入れます。
        授業の行列そのままです(教科書の重みは (入力, 出力) なので、その転置)。
        Start from network = {} and fill network['W1'] = np.array(...): the course's
        matrices as they are (the book's weights are (in, out): their transpose).
    """
    ### BEGIN SOLUTION
    network = {}
    network["W1"] = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
    network["b1"] = np.array([0.1, 0.2, 0.3])
    network["W2"] = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    network["b2"] = np.array([0.1, 0.2])
    network["W3"] = np.array([[0.1, 0.2], [0.3, 0.4]])
    network["b3"] = np.array([0.1, 0.2])
    return network
    ### END SOLUTION


def forward(network, x):
    """順伝播: シグモイド → シグモイド → 恒等関数 / Forward pass: sigmoid, sigmoid, identity.

    授業の式 (000:619-623): z1 = sig(W1·x + b1), z2 = sig(W2·z1 + b2), z3 = W3·z2 + b3(出力層は恒等関数)。
    バッチでは a1 = X W1^T + b1 のように各行を 1 サンプルとして計算します。
    授業のネットワークでは ``forward(init_network(), np.array([1.0, 0.5]))`` ≈ [0.31682708, 0.69627909]
    (1 層目の出力 z1 ≈ [0.574, 0.668, 0.750]、000:561)。
    The course's formulas (000:619-623): z1 = sig(W1·x + b1), z2 = sig(W2·z1 + b2),
    z3 = W3·z2 + b3 (the output layer is the identity). For a batch each row is one
    sample: a1 = X W1^T + b1, and so on. For the course's network
    ``forward(init_network(), np.array([1.0, 0.5]))`` ≈ [0.31682708, 0.69627909]
    (first layer z1 ≈ [0.574, 0.668, 0.750], 000:561).

    入力 / Input:
        network: init_network() と同じキーの辞書(形は任意: W1 (h1, in), W2 (h2, h1), W3 (out, h2))
                 a dict with init_network()'s keys (any sizes: W1 (h1, in), W2 (h2, h1), W3 (out, h2))
        x: 1 サンプル (in,) またはバッチ (N, in) / one sample (in,) or a batch (N, in)
    戻り値 / Returns:
        出力層の値: (out,) または (N, out) / the output layer: (out,) or (N, out)
    ヒント / Hint:
        各層は「重み付き和 + バイアス → 活性化関数」です。バイアスを忘れずに。
        np.dot(W, x) は 1 サンプルだけ。x @ W.T + b なら 1 サンプルにもバッチにも使えます。
        Each layer is weighted sum + bias, then the activation. Don't drop a bias.
        np.dot(W, x) takes one sample only; x @ W.T + b works for one sample and for a batch.
    """
    ### BEGIN SOLUTION
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    a1 = x @ W1.T + b1
    z1 = sigmoid(a1)
    a2 = z1 @ W2.T + b2
    z2 = sigmoid(a2)
    a3 = z2 @ W3.T + b3
    y = identity_function(a3)
    return y
    ### END SOLUTION


def predict(network, x):
    """分類の推論: forward と同じ層で、出力層だけソフトマックス / Classification: like forward, softmax at the end.

    MNIST の 784-50-100-10 ネットワーク(教科書 3.6.1)にもそのまま使えます。
    Works unchanged for the MNIST 784-50-100-10 network (book 3.6.1).

    入力 / Input:
        network: init_network() と同じキーの辞書 / a dict with init_network()'s keys
        x: 1 サンプル (in,) またはバッチ (N, in) / one sample (in,) or a batch (N, in)
    戻り値 / Returns:
        各クラスの確率: (out,) または (N, out)、最後の軸の和が 1
        class probabilities: (out,) or (N, out); the last axis sums to 1
    ヒント / Hint:
        出力層の前までは forward と同じです。最後に softmax を使います。
        Everything up to the output layer is forward's; finish with softmax.
    """
    ### BEGIN SOLUTION
    return softmax(forward(network, x))
    ### END SOLUTION


def accuracy(network, x, t, batch_size=100):
    """認識精度をバッチ処理で / Accuracy, computed batch by batch (book 3.6.3; MNIST in the course, 000:716-840).

    x を batch_size 個ずつ predict に通し、確率が最大のクラス(argmax)が正解ラベル t と
    一致した割合を返します。最後のバッチは batch_size より小さいことがあります。
    Runs x through predict batch_size samples at a time and returns the share of
    samples whose most probable class (argmax) equals the label in t. The last batch
    may be smaller than batch_size.

    入力 / Input:
        network: 重みの辞書 / the weights
        x: 形 (N, in) の入力 / inputs of shape (N, in)
        t: 形 (N,) の正解ラベル(整数) / labels of shape (N,) (integers)
        batch_size: 1 回に predict に渡すサンプル数 / samples per call of predict
    戻り値 / Returns:
        float: 0.0 以上 1.0 以下の正解率 / the share correct, between 0.0 and 1.0
    ヒント / Hint:
        for i in range(0, len(x), batch_size) で x[i:i+batch_size] を取り出し、
        np.argmax(..., axis=1) と t を比べて正解数を数え、最後に len(x) で割ります。
        Slice x[i:i+batch_size] for i in range(0, len(x), batch_size), compare
        np.argmax(..., axis=1) with t, count, and divide by len(x) at the end.
    """
    ### BEGIN SOLUTION
    accuracy_cnt = 0
    for i in range(0, len(x), batch_size):
        y_batch = predict(network, x[i:i + batch_size])
        p = np.argmax(y_batch, axis=1)
        accuracy_cnt += int(np.sum(p == t[i:i + batch_size]))
    return float(accuracy_cnt / len(x))
    ### END SOLUTION
