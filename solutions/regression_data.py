"""回帰のためのデータ準備 / Preparing the data for linear regression (講義 / lecture 002:38-58).

講義の身長・体重データ(1 行が 1 人、0 列目が身長、1 列目が体重)を、勾配降下法で学習できる形に
整えます。順番は講義のとおりです:
The course's height and weight data (one row per person: column 0 height, column 1 weight) made
ready for gradient descent, in the lecture's order:

    1. center:        平均を引いて原点に移す(ブロードキャスト) / subtract the mean (002:38-40)
    2. split_columns: 入力 x = data[:, 0:1] と正解 yt = data[:, 1] / inputs and targets (002:41-46)
    3. add_dummy:     値 1 のダミー変数列を先頭に追加 / a dummy column of ones in front (002:53-55)
    4. pred:          予測値 yp = x @ w / predictions (002:50-52, 56-58)
    5. prepare:       1〜3 をまとめて / 1 to 3 in one call

講義のデータ / the course's data: (166, 58.7), (176, 75.7), (171, 62.1), (173, 70.4), (169, 60.1);
平均 / mean (171, 65.4)。w = (2, -1) の最初の予測の損失 mean((yp - yt)²) / 2 は 50.416 (002:62-64)。
準備した x, yt は least_squares.linear_regression_gd にそのまま渡せます。
The prepared x, yt go straight into least_squares.linear_regression_gd.
"""
import numpy as np


def center(data):
    """列ごとの平均を引いて、データを原点の周りに移します / Centres each column on its mean.

    講義 / lecture 002:38-40: 形 (5, 2) の data から形 (2,) の平均 (171, 65.4) を引くと、
    ブロードキャストで平均が各行に並べられて引かれます。
    Subtracting the mean of shape (2,) from data of shape (5, 2) broadcasts the mean over the rows.

    入力 / Input:
        data: 形 (N, D) の配列(int でもよい) / an array of shape (N, D) (ints allowed)
    戻り値 / Returns:
        形 (N, D) の float 配列: data - (列ごとの平均) / data minus each column's mean, as floats.
        data 自体は書き換えません / data itself is left unchanged.
        例 / e.g. 講義のデータ / the course's data → [[-5, -6.7], [5, 10.3], [0, -3.3], [2, 5.0], [-2, -5.3]]
    ヒント / Hint:
        平均は列ごと(axis=0)です。data.mean() だけだと全要素の平均になります。
        data -= ... は呼び出し元の配列を書き換えます。
        The mean is per column (axis=0); data.mean() alone averages every element.
        data -= ... would overwrite the caller's array.
    """
    ### BEGIN SOLUTION
    data = np.asarray(data, dtype=np.float64)
    return data - data.mean(axis=0)
    ### END SOLUTION


def split_columns(data):
    """入力の列 x と正解の列 yt を取り出します / Takes out the input column x and the targets yt.

    講義 / lecture 002:41-46: x = data[:, 0:1] は「0 番目の列を 5 行 1 列の行列のまま」取り出し
    (後でダミー変数列を追加するため)、yt = data[:, 1] は「1 番目の列を単なるベクトルとして」取り出します。
    x = data[:, 0:1] keeps column 0 as an (N, 1) matrix (a column is added to it later); yt = data[:, 1]
    takes column 1 as a plain vector.

    入力 / Input:
        data: 形 (N, 2) の配列: 0 列目が入力、1 列目が正解 / shape (N, 2): column 0 inputs, column 1 targets
    戻り値 / Returns:
        (x, yt): x は形 (N, 1)、yt は形 (N,) / x of shape (N, 1) and yt of shape (N,)
    ヒント / Hint:
        data[:, 0] だと形 (N,) のベクトルになってしまいます。スライス 0:1 なら 2 次元のままです。
        data[:, 0] would give a vector of shape (N,); the slice 0:1 keeps two dimensions.
    """
    ### BEGIN SOLUTION
    data = np.asarray(data)
    return data[:, 0:1], data[:, 1]
    ### END SOLUTION


def add_dummy(x):
    """常に 1 のダミー変数列を 0 列目に追加します / Inserts a dummy column of ones as column 0.

    講義 / lecture 002:50-55: np.insert(x, 0, 1.0, axis=1) は「0 番目に」「値 1.0 を」「列方向に」挿入します。
    これで yp = w0·1 + w1·x を内積 x @ w 1 回で計算できます。
    Inserts, at position 0, the value 1.0, along the columns: then yp = w0·1 + w1·x is one product x @ w.

    入力 / Input:
        x: 形 (N, D) の配列 / an array of shape (N, D)
    戻り値 / Returns:
        形 (N, D + 1) の float 配列: 0 列目がすべて 1、残りが x / shape (N, D + 1): column 0 all ones,
        then x. x 自体は書き換えません / x itself is left unchanged.
    ヒント / Hint:
        axis=0 にすると「行」が 1 つ増えてしまいます。
        With axis=0 you would add a row instead.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    return np.insert(x, 0, 1.0, axis=1)
    ### END SOLUTION


def pred(x, w):
    """予測値 yp = x @ w / Predictions yp = x @ w.

    講義 / lecture 002:50-52, 56-58: x の各行とベクトル w の内積。Python 3 では記号 @ で書けます。
    5 つの点の予測値が一度に得られます。
    Each row of x times the vector w; Python 3 writes the product as @. All N predictions at once.

    入力 / Input:
        x: 形 (N, D) の配列(0 列目はダミー変数) / shape (N, D) (column 0 the dummy variable)
        w: 形 (D,) の重み / weights of shape (D,)
    戻り値 / Returns:
        形 (N,) の予測値 / predictions of shape (N,)
        例 / e.g. 講義の x と w = (2, -1) → (7, -3, 2, 0, 4); the course's x with w = (2, -1)
    ヒント / Hint:
        x * w は要素ごとの積(形 (N, D))で、内積ではありません。
        x * w is the element-wise product (shape (N, D)), not the matrix product.
    """
    ### BEGIN SOLUTION
    return np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64)
    ### END SOLUTION


def prepare(data):
    """center → split_columns → add_dummy をまとめて行います / Centres, splits and adds the dummy column.

    講義 / lecture 002:38-55 の前処理をすべて / all of the lecture's preparation.

    入力 / Input:
        data: 形 (N, 2) の配列: 0 列目が入力、1 列目が正解 / shape (N, 2): inputs, then targets
    戻り値 / Returns:
        (x, yt): x は形 (N, 2)(0 列目が 1、1 列目が平均を引いた入力)、yt は形 (N,)(平均を引いた正解)
        x of shape (N, 2) (ones, then the centred inputs) and yt of shape (N,) (the centred targets).
        例 / e.g. 講義のデータ / the course's data → x = [[1, -5], [1, 5], [1, 0], [1, 2], [1, -2]],
        yt = [-6.7, 10.3, -3.3, 5.0, -5.3]
    ヒント / Hint:
        上の 3 つの関数を順に呼ぶだけです。
        Call the three functions above in turn.
    """
    ### BEGIN SOLUTION
    x, yt = split_columns(center(data))
    return add_dummy(x), yt
    ### END SOLUTION
