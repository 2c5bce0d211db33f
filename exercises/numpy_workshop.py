# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""ワークショップの NumPy / NumPy in the workshop (講義 / lecture 000:437-546, 797).

講義で実際に打ち込んだ NumPy のコードを関数にしたものです: 配列とスカラーの計算(ブロードキャスト)、
内積と添字(X[0], X[0][1], X.shape)、範囲外の添字 X[3] で何が起きるか、そして MNIST の 6 万枚から
ランダムに 100 枚を選ぶミニバッチ。
The NumPy the workshop types in, as functions: arithmetic between an array and a number
(broadcasting), the product and indexing (X[0], X[0][1], X.shape), what an index past the end
(X[3]) does, and picking 100 of MNIST's 60,000 images at random for a mini-batch.
"""
import numpy as np


def shift_and_scale(a, shift=3, scale=10):
    """配列に数を足し、その結果に数を掛けます / Adds a number to an array, then multiplies the result.

    講義 / lecture 000:437-489: a = np.array([1, 2, 3]); b = a + 3 → [4 5 6]; c = b * 10 → [40 50 60]。
    配列とスカラーの計算は、スカラーがすべての要素に適用されます(ブロードキャスト)。
    An operation between an array and a number applies the number to every element (broadcasting).

    入力 / Input:
        a: 任意の形の配列(講義では形 (3,) の int) / an array of any shape (the lecture's: ints, shape (3,))
        shift: 足す数 / the number to add (講義 / lecture: 3)
        scale: b に掛ける数 / the number to multiply b by (講義 / lecture: 10)
    戻り値 / Returns:
        (b, c): b = a + shift、c = b * scale。どちらも a と同じ形の NumPy 配列。a は書き換えません。
        b = a + shift and c = b * scale, both NumPy arrays shaped like a; a is left unchanged.
    ヒント / Hint:
        NumPy 配列なら for 文はいりません。Python のリストに * 10 をすると、リストが 10 回繰り返されます。
        a += shift は呼び出し元の配列を書き換えます。
        A NumPy array needs no loop; a Python list times 10 repeats the list ten times.
        a += shift would overwrite the caller's array.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: numpy_workshop.shift_and_scale")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def inspect_matrix(X, y):
    """講義で print した 4 つの値を返します / Returns the four values the lecture prints.

    講義 / lecture 000:527-540:
        X = np.array([[1, 3], [5, 3], [9, 11]]); y = np.array([11, 22])
        print(np.dot(X, y))   # [ 77 121 341]
        print(X[0])           # [1 3]      0 行目 / row 0
        print(X[0][1])        # 3          0 行目の 1 列目 / row 0, column 1
        print(X.shape)        # (3, 2)     (行数, 列数) / (rows, columns)

    入力 / Input:
        X: 形 (M, N) の配列 / an array of shape (M, N)
        y: 形 (N,) の配列 / an array of shape (N,)
    戻り値 / Returns:
        (z, row, element, shape): z = np.dot(X, y)(形 (M,))、row = X[0]、element = X[0][1]、
        shape = X.shape(int のタプル)
        z = np.dot(X, y) (shape (M,)), row = X[0], element = X[0][1], shape = X.shape (a tuple of ints)
    ヒント / Hint:
        添字は 0 から数えます。X[0][1] は「0 行目の、1 番目の列」です。X.size は要素数で、形ではありません。
        Indices count from 0: X[0][1] is row 0, column 1. X.size is the number of elements, not the shape.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: numpy_workshop.inspect_matrix")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def index_or_none(X, i, j=None):
    """X[i](j があれば X[i][j])を返し、その添字が範囲外なら None を返します。

    Returns X[i] (X[i][j] when j is given), or None where that indexing raises IndexError.

    講義 / lecture 000:542-546: 「X[3] と見ようとしたらどうなるでしょうか? 同じく、X[0][3] は?
    X のところを y や z に変えたらどうなるでしょうか?」。3 行の X に X[3] とすると IndexError に
    なります(使える添字は 0, 1, 2、後ろから数える -1, -2, -3)。1 次元の y では y[0] が数になり、
    y[0][1] も IndexError です。
    "What happens with X[3]? And X[0][3]? And with y or z instead of X?" On a 3-row X, X[3] raises
    IndexError (valid indices: 0, 1, 2, and -1, -2, -3 counting from the end). On the 1-D y, y[0] is
    a number, so y[0][1] raises IndexError as well.

    入力 / Input:
        X: 1 次元または 2 次元の配列 / a 1-D or 2-D array
        i: int の添字 / an int index
        j: int の添字、または None / an int index, or None
    戻り値 / Returns:
        X[i] または X[i][j](Python がそのまま返すもの)、IndexError になる場合は None
        X[i] or X[i][j] (whatever Python gives), or None where that raises IndexError
    ヒント / Hint:
        範囲を自分で判定するより、try: ... except IndexError: return None と書くのが確実です
        (負の添字は有効です)。
        Rather than checking the range yourself, try the indexing and catch IndexError
        (negative indices are valid).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: numpy_workshop.index_or_none")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def random_batch(x, t, batch_size=100, seed=None):
    """データからランダムに batch_size 個を選んだミニバッチ (x_batch, t_batch) を返します。

    Picks a random mini-batch of batch_size samples: (x_batch, t_batch).

    講義 / lecture 000:797: 「MNIST 計 6 万枚のデータ群から、ランダムに 100 枚を選び出す。」
    選ぶのは異なる 100 枚です(同じ画像を 2 回選ばない = 非復元抽出)。x と t は同じ行を選びます。
    "From MNIST's 60,000 images, pick 100 at random": 100 different images (sampling without
    replacement), the same rows of x and t.

    入力 / Input:
        x: 形 (N, ...) の入力(1 行が 1 サンプル) / inputs of shape (N, ...), one sample per row
        t: 形 (N,) の正解ラベル / labels of shape (N,)
        batch_size: 選ぶ数 / how many to pick (<= N)
        seed: 乱数の種(同じ seed なら同じミニバッチ)。None なら毎回違う
              the random seed (the same seed gives the same batch); None: a different batch each time
    戻り値 / Returns:
        (x_batch, t_batch): 形 (batch_size, ...) と (batch_size,)。x_batch[k] と t_batch[k] は元の同じ行。
        x と t は書き換えません。
        shapes (batch_size, ...) and (batch_size,); x_batch[k] and t_batch[k] come from the same row.
        x and t are left unchanged.
    ヒント / Hint:
        rng = np.random.default_rng(seed) で乱数生成器を作り、rng.choice(N, batch_size, replace=False)
        で行番号を選び、x[行番号], t[行番号] で取り出します。教科書 4.2.3 の np.random.choice(N, batch_size)
        は同じ番号を 2 回選ぶことがあります(replace=True が既定)。x と t を別々にシャッフルすると組が崩れます。
        Make a generator with np.random.default_rng(seed), choose row numbers with
        rng.choice(N, batch_size, replace=False), then take x[rows] and t[rows]. The book's
        np.random.choice(N, batch_size) (4.2.3) may pick a row twice (replace=True is its default).
        Shuffling x and t separately breaks their pairs.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: numpy_workshop.random_batch")
    # ============ ここまで / YOUR CODE ENDS HERE ============
