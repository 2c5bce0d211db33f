"""PyTorch のテンソル / PyTorch tensors (講義 / lecture 001:2461-2654, 3156-3253).

テンソルを作る、要素ごとの演算と行列の積、ブロードキャスト、添字と条件による取り出し、
torch.nn.functional の relu と mse_loss、torch.nn.Parameter を持つ自作のレイヤ(torch.nn.Module)。
Creating tensors, element-wise operations and the matrix product, broadcasting, indexing with
index and boolean tensors, relu and mse_loss from torch.nn.functional, and a layer of your own
(a torch.nn.Module) that holds torch.nn.Parameter weights.

引数のテンソルはテストから torch.Tensor のまま届きます。返したテンソルはテスト側では NumPy 配列に
なります(値、形、dtype が比べられます)。
Tensor arguments arrive as torch.Tensor; tensors you return reach the tests as NumPy arrays
(their values, shapes and dtypes are compared).
"""
import torch
import torch.nn.functional as F


def make_tensors(rows, cols, values):
    """0 で埋めたテンソル、1 で埋めたテンソル、リストから作ったテンソルを返します(すべて float32)。

    Returns a tensor of zeros, a tensor of ones and a tensor made from a list, all float32.

    講義 / lecture 001:2476-2515: torch.zeros((10, 15)), torch.ones((10, 15)), torch.tensor([1.0, 2.0, 3.0]);
    dtype=torch.float32 で実数型に(torch.tensor([1, 2, 3], dtype=torch.float32) → tensor([1., 2., 3.]))。
    講義のように requires_grad=True を付けてもかまいません。
    dtype=torch.float32 gives real numbers even from ints. requires_grad=True as in the lecture is fine.

    入力 / Input:
        rows, cols: int;  values: 数の(入れ子の)リスト / a (nested) list of numbers, ints or floats
    戻り値 / Returns:
        (zeros, ones, t): 形 (rows, cols) の 0、形 (rows, cols) の 1、values と同じ形のテンソル。
        どれも dtype は torch.float32。
        zeros and ones of shape (rows, cols), and a tensor shaped like values; all torch.float32.
    ヒント / Hint:
        torch.tensor([1, 2, 3]) のように整数だけのリストからは int64 のテンソルができます(001:2540-2548)。
        A list of ints alone gives an int64 tensor (001:2540-2548).
    """
    ### BEGIN SOLUTION
    zeros = torch.zeros((rows, cols), dtype=torch.float32, requires_grad=True)
    ones = torch.ones((rows, cols), dtype=torch.float32, requires_grad=True)
    t = torch.tensor(values, dtype=torch.float32, requires_grad=True)
    return zeros, ones, t
    ### END SOLUTION


def elementwise(x, y):
    """四則演算を要素ごとに計算します / The four arithmetic operations, element by element.

    講義 / lecture 001:2553-2570: x = [1., 2., 3.], y = [2., 4., 6.] なら
    x + y = [3., 6., 9.]、x - y = [-1., -2., -3.]、x * y = [2., 8., 18.]、x / y = [0.5, 0.5, 0.5]。

    入力 / Input:
        x, y: 同じ形のテンソル / tensors of the same shape
    戻り値 / Returns:
        (x + y, x - y, x * y, x / y): x と同じ形のテンソル 4 つ / four tensors shaped like x
    ヒント / Hint:
        / は整数どうしでも小数の割り算です。// は切り捨ての割り算です。
        / divides exactly even for ints; // rounds down.
    """
    ### BEGIN SOLUTION
    return x + y, x - y, x * y, x / y
    ### END SOLUTION


def products(A, B):
    """要素ごとの積 A * B と、行列の積 torch.matmul(A, B) を返します。

    Returns the element-wise product A * B and the matrix product torch.matmul(A, B).

    講義 / lecture 001:2572-2597: A = [[1, 2], [3, 4]], B = [[-1, 1], [5, 6]] なら
    A * B = [[-1, 2], [15, 24]]、torch.matmul(A, B) = [[9, 13], [17, 27]]。

    入力 / Input:
        A, B: 形 (N, N) の正方行列のテンソル(講義では 2×2) / square tensors of shape (N, N) (2×2 in the lecture)
    戻り値 / Returns:
        (A * B, torch.matmul(A, B)): どちらも形 (N, N) / both of shape (N, N)
    ヒント / Hint:
        * は行列の積ではありません。行列の積は A の行と B の列の内積です(順番を入れ替えると答えが変わります)。
        * is not the matrix product; matmul takes rows of A against columns of B (order matters).
    """
    ### BEGIN SOLUTION
    return A * B, torch.matmul(A, B)
    ### END SOLUTION


def broadcast_ops(A, b, s):
    """行列とスカラー、行列とベクトルの演算(ブロードキャスト) / Broadcasting a number and a vector over a matrix.

    講義 / lecture 001:2599-2623: A = [[1, 2], [3, 4]] なら A * 10 = [[10, 20], [30, 40]]、
    A + 10 = [[11, 12], [13, 14]]、b = [10, 20] なら A * b = [[10, 40], [30, 80]]
    (b が各行に並べられます)。
    b = [10, 20] is repeated for every row: A * b = [[10, 40], [30, 80]].

    入力 / Input:
        A: 形 (M, N) のテンソル / a tensor of shape (M, N)
        b: 形 (N,) のテンソル / a tensor of shape (N,);  s: 数 / a number
    戻り値 / Returns:
        (A * s, A + s, A * b): どれも形 (M, N) / all of shape (M, N)
    ヒント / Hint:
        形 (N,) のベクトルは最後の次元(列)に合わせて、すべての行に使われます。
        A vector of shape (N,) lines up with the last dimension (the columns) and is used for every row.
    """
    ### BEGIN SOLUTION
    return A * s, A + s, A * b
    ### END SOLUTION


def flat_pick(X, idx):
    """X を 1 次元にしてから、添字のテンソル idx の位置の要素を取り出します。

    Flattens X, then takes the elements at the positions in the index tensor idx.

    講義 / lecture 001:2625-2648: X = [[10, 40], [15, 30], [1, 0]]; X = X.flatten() → [10, 40, 15, 30, 1, 0];
    X[torch.tensor([0, 2, 4])] → [10, 15, 1]。

    入力 / Input:
        X: 任意の形のテンソル / a tensor of any shape
        idx: int64 の 1 次元テンソル(1 次元にした X の位置) / a 1-D int64 tensor of positions in the flattened X
    戻り値 / Returns:
        形 (len(idx),) のテンソル / a tensor of shape (len(idx),)
    ヒント / Hint:
        2 次元の X に X[idx] とすると、要素ではなく「行」が取り出されます。
        X[idx] on a 2-D X picks rows, not elements.
    """
    ### BEGIN SOLUTION
    return X.flatten()[idx]
    ### END SOLUTION


def greater_than(X, threshold):
    """X の要素のうち threshold より大きいものを、1 次元にした X の順に返します。

    Returns the elements of X greater than threshold, in the order of the flattened X.

    講義 / lecture 001:2632-2654: X > 20 は True / False のテンソル、X[X > 20] は True の位置の要素
    → 講義の X では [40, 30]。
    X > 20 is a tensor of booleans; X[X > 20] holds the elements where it is True: [40, 30] for the lecture's X.

    入力 / Input:
        X: 任意の形のテンソル / a tensor of any shape;  threshold: 数 / a number
    戻り値 / Returns:
        1 次元のテンソル(条件を満たす要素。なければ空) / a 1-D tensor of those elements (empty when none)
    ヒント / Hint:
        X > threshold は要素を取り出した結果ではなく、取り出すための印(ブール値)です。
        X > threshold is the mask that selects, not the selected elements.
    """
    ### BEGIN SOLUTION
    flat = X.flatten()
    return flat[flat > threshold]
    ### END SOLUTION


def relu_and_mse(x1, x2):
    """torch.nn.functional の relu(x1) と mse_loss(x1, x2) を返します。

    Returns relu(x1) and mse_loss(x1, x2) from torch.nn.functional.

    講義 / lecture 001:3156-3179: x1 = torch.tensor(1.5), x2 = torch.tensor(0.75) なら
    y = relu(x1) = 1.5000、z = mse_loss(x1, x2) = 0.5625 (= 0.75²)。
    mse_loss は (x1 - x2)² の全要素の平均です(1/2 は付きません)。
    mse_loss is the mean of (x1 - x2)² over all elements (no factor 1/2).

    入力 / Input:
        x1, x2: 同じ形の float のテンソル(0 次元でもよい) / float tensors of the same shape (0-d allowed)
    戻り値 / Returns:
        (relu(x1), mse_loss(x1, x2)): x1 と同じ形のテンソルと、0 次元のテンソル
        a tensor shaped like x1, and a 0-d tensor
    ヒント / Hint:
        import torch.nn.functional as F として F.relu, F.mse_loss を使います。
        Use F.relu and F.mse_loss (import torch.nn.functional as F).
    """
    ### BEGIN SOLUTION
    return F.relu(x1), F.mse_loss(x1, x2)
    ### END SOLUTION


class MyLinear(torch.nn.Module):
    """重み W とバイアス b を torch.nn.Parameter として持つ全結合層 y = x W^T + b。

    A fully connected layer y = x W^T + b whose W and b are torch.nn.Parameter.

    講義 / lecture 001:3191-3210: requires_grad=True を付けただけのテンソルは、PyTorch にパラメータ
    (保存と更新の対象)として認識されません。torch.nn.Parameter(x) にすると認識されます(自作のレイヤを
    作るときに必要)。例: W = torch.nn.Parameter(torch.tensor([[1., 2., 3.], [4., 5., 6.]]))。
    001:3215-3253: torch.nn.Module を継承し、__init__ で super().__init__() を呼んでから部品を定義し、
    forward に計算を書きます。
    A tensor with requires_grad=True alone is not a parameter to PyTorch (not saved, not updated);
    torch.nn.Parameter(x) makes it one, which a layer of your own needs. Subclass torch.nn.Module,
    call super().__init__() first in __init__, and write the computation in forward.

    入力 / Input (__init__):
        W: 形 (out, in) の float32 テンソル(torch.nn.Linear と同じ向き) / a float32 tensor (out, in),
           laid out as in torch.nn.Linear
        b: 形 (out,) の float32 テンソル / a float32 tensor of shape (out,)
    属性 / Attributes:
        self.W, self.b: 初期値 W, b の torch.nn.Parameter / torch.nn.Parameter holding W and b
    """

    def __init__(self, W, b):
        """W, b を torch.nn.Parameter として self.W, self.b に持ちます / Keeps W and b as parameters.

        ヒント / Hint:
            最初に super().__init__() を呼ばないと、属性を代入したときにエラーになります。
            Call super().__init__() first, or assigning the attributes fails.
        """
        ### BEGIN SOLUTION
        super().__init__()
        self.W = torch.nn.Parameter(torch.as_tensor(W, dtype=torch.float32))
        self.b = torch.nn.Parameter(torch.as_tensor(b, dtype=torch.float32))
        ### END SOLUTION

    def forward(self, x):
        """y = x W^T + b を返します / Returns y = x W^T + b.

        入力 / Input:
            x: 形 (N, in) のバッチ、または形 (in,) の 1 サンプル(float32)
               a batch of shape (N, in), or one sample of shape (in,) (float32)
        戻り値 / Returns:
            形 (N, out)(1 サンプルなら (out,))のテンソル / a tensor of shape (N, out) ((out,) for one sample)
        ヒント / Hint:
            W は (out, in) なので、x と掛けるときは転置 self.W.T を使います。
            W is (out, in): multiply x by its transpose self.W.T.
        """
        ### BEGIN SOLUTION
        return x @ self.W.T + self.b
        ### END SOLUTION
