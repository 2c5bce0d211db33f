"""損失関数 / Loss functions (『ゼロから作るDeep Learning』4章 / chapter 4).

y はネットワークの出力、t は教師データ(正解)です。どの関数も Python の float を返します。
y is the network's output and t the target (the right answer). Every function returns a Python float.
"""
import numpy as np


def sum_squared_error(y, t):
    """2 乗和誤差 / Sum of squared errors: E = 1/2 Σ (y_k - t_k)^2.

    授業の例: y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3) なら 4.705。
    The course's example: y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3) gives 4.705.

    入力 / Input:
        y: 形 (K,) の出力 / outputs of shape (K,)
        t: y と同じ形の教師データ / targets shaped like y
    戻り値 / Returns:
        float: 1/2 × 全要素の (y - t)^2 の和 / half the sum of (y - t)^2 over all elements
    ヒント / Hint:
        係数 1/2 を忘れずに(教科書 4.2.1)。NumPy なら for 文はいりません。
        Don't forget the factor 1/2 (book 4.2.1). With NumPy you need no loop.
    """
    ### BEGIN SOLUTION
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(0.5 * np.sum((y - t) ** 2))
    ### END SOLUTION


def mean_squared_error(y, t):
    """平均 2 乗誤差 / Mean squared error: E = 1/n Σ (y_k - t_k)^2.

    すべての要素 (n 個) についての (y - t)^2 の平均です(1/2 は付けません)。
    バッチ (N, K) でも全要素の平均です(サンプルごとの平均をさらに平均したものと同じ)。
    授業の例の y, t なら 9.41 / 3 ≈ 3.1367。
    The mean of (y - t)^2 over all n elements (no factor 1/2); for a batch (N, K)
    it is the mean over all elements (the same as the batch mean of per-sample means),
    like torch.nn.MSELoss. For the course's y, t it is 9.41 / 3 ≈ 3.1367.

    入力 / Input:
        y: 形 (K,) または (N, K) の出力 / outputs of shape (K,) or (N, K)
        t: y と同じ形の教師データ / targets shaped like y
    戻り値 / Returns:
        float: (y - t)^2 の平均 / the mean of (y - t)^2
    ヒント / Hint:
        np.mean は全要素の平均です。
        np.mean averages over all elements.
    """
    ### BEGIN SOLUTION
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.mean((y - t) ** 2))
    ### END SOLUTION


def cross_entropy_error(y, t):
    """交差エントロピー誤差 / Cross-entropy error: E = -Σ t_k log(y_k + delta), delta = 1e-7.

    y は確率 (softmax の出力)。t は one-hot ベクトルでも、正解ラベル(整数)でもかまいません。
    バッチ (N, K) のときはサンプルごとの誤差の平均を返します。
    授業の 10 クラスの例(正解クラスの確率 0.6)では約 0.51。
    y holds probabilities (softmax outputs). t is either one-hot or the label (an int).
    For a batch (N, K), returns the mean over the N samples. The course's 10-class
    example (probability 0.6 on the label) gives about 0.51.

    入力 / Input:
        y: 形 (K,) の 1 サンプル、または (N, K) のバッチ / one sample (K,) or a batch (N, K)
        t: one-hot なら y と同じ形、ラベルなら 1 サンプルは int、バッチは形 (N,) の整数配列
           one-hot shaped like y, or labels: an int for one sample, an int array (N,) for a batch
    戻り値 / Returns:
        float: 交差エントロピー誤差(バッチなら平均) / the cross-entropy (the batch mean for a batch)
    ヒント / Hint:
        確率が 0 だと log(0) = -inf になります。小さな値 delta = 1e-7 を足してから log を取ります。
        1 サンプルは形 (1, K) のバッチとして扱うと、まとめて書けます(教科書 4.2.4)。
        log(0) is -inf: add a tiny delta = 1e-7 before taking the log. Treating one
        sample as a batch of shape (1, K) lets one code path handle both (book 4.2.4).
    """
    ### BEGIN SOLUTION
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, t.size)
    if t.size == y.size:            # one-hot -> labels
        t = t.argmax(axis=1)
    t = t.reshape(-1).astype(np.int64)
    batch_size = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(batch_size), t] + delta)) / batch_size)
    ### END SOLUTION
