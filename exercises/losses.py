# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""損失関数 / Loss functions (『ゼロから作るDeep Learning』4章 / chapter 4; the course 001:1800-1870).

y はネットワークの出力、t は教師データ(正解)です。どの関数も Python の float を返します。
y is the network's output and t the target (the right answer). Every function returns a Python float.
"""
import numpy as np


def sum_squared_error(y, t):
    """2 乗和誤差 / Sum of squared errors: E = 1/2 Σ_k (y_k - t_k)^2 (001:1814-1825).

    授業の例 (001:1821-1825): y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3) なら
    1/2 × (1.4^2 + 2.7^2 + 0.4^2) = 4.705。
    The course's example (001:1821-1825): y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3)
    gives 1/2 × (1.4^2 + 2.7^2 + 0.4^2) = 4.705.

    入力 / Input:
        y: 形 (K,) の出力 / outputs of shape (K,)
        t: y と同じ形の教師データ / targets shaped like y
    戻り値 / Returns:
        float: 1/2 × 全要素の (y - t)^2 の和 / half the sum of (y - t)^2 over all elements
    ヒント / Hint:
        係数 1/2 を忘れずに(教科書 4.2.1)。NumPy なら for 文はいりません。
        Don't forget the factor 1/2 (book 4.2.1). With NumPy you need no loop.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: losses.sum_squared_error")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def mean_squared_error(y, t):
    """平均 2 乗誤差 / Mean squared error: L = 1/(2N) Σ_n Σ_k (y_nk - t_nk)^2 (001:1800-1802, 1859).

    N はデータ(サンプル)の個数です(001:1810, 1867)。バッチ (N, K) では、サンプルごとの
    2 乗和誤差 1/2 Σ_k (y_nk - t_nk)^2 を N 個について平均したものになります。
    形 (K,) の y は 1 サンプル (N = 1) なので、2 乗和誤差と同じ値です:
    授業の y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3) なら 4.705。
    N is the number of samples (001:1810, 1867). For a batch (N, K) this is the mean
    over the N samples of each sample's sum of squares 1/2 Σ_k (y_nk - t_nk)^2. A y of
    shape (K,) is one sample (N = 1), so it equals the sum of squared errors: 4.705 for
    the course's y = (13.5, 20.1, 0.7), t = (12.1, 22.8, 0.3). For one output per sample,
    a batch (N, 1), it is the course's regression loss np.mean(yd ** 2) / 2 (002:79).

    入力 / Input:
        y: 1 サンプル (K,) またはバッチ (N, K) の出力 / one sample (K,) or a batch (N, K)
        t: y と同じ形の教師データ / targets shaped like y
    戻り値 / Returns:
        float: 1/(2N) × 全要素の (y - t)^2 の和 / the sum of (y - t)^2 over all elements, divided by 2N
    ヒント / Hint:
        N は要素の数ではなくサンプルの数です(1 サンプルなら 1)。係数 1/2 を忘れずに。
        N counts samples, not elements (1 for a single sample). Keep the factor 1/2.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: losses.mean_squared_error")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def cross_entropy_error(y, t):
    """交差エントロピー誤差 / Cross-entropy error: E = -1/N Σ_n Σ_k t_nk log(y_nk + delta), delta = 1e-7.

    授業の式 (001:1804, 1833-1835, 1861) に、log(0) を避ける小さな delta を足したもの(教科書 4.2.2)。
    y は確率 (softmax の出力)。t は one-hot ベクトルでも、正解ラベル(整数)でもかまいません。
    バッチ (N, K) のときはサンプルごとの誤差の平均を返します(正解の確率の -log の平均、000:801-806)。
    授業の 10 クラスの例(正解クラスの確率 0.6)では -log 0.6 ≈ 0.51 (001:1849-1853)。
    The course's formula (001:1804, 1833-1835, 1861) with a tiny delta that avoids
    log(0) (book 4.2.2). y holds probabilities (softmax outputs). t is either one-hot or
    the label (an int). For a batch (N, K), returns the mean over the N samples (the mean
    of -log of each label's probability, 000:801-806). The course's 10-class example
    (probability 0.6 on the label) gives -log 0.6 ≈ 0.51 (001:1849-1853).

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
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: losses.cross_entropy_error")
    # ============ ここまで / YOUR CODE ENDS HERE ============
