# このファイルは solutions/ から自動生成されています。ここに解答を書いてください。
# Generated from solutions/ by `autograder build`; fill in the marked parts.
"""ゼミの活性化関数 / The seminar's activation functions (講義 / lecture 003:231-270).

ゼミのスライドは、ゲイン g つきのシグモイド関数 f(X) = 1 / (1 + exp(-gX))(003:254)と tanh 関数
(003:256-258)を紹介し、「シグモイド関数以降の活性化関数に総じて言えることは微分可能な関数である
ということ(後に重要となる要素)」(003:269-270)と結びます。そこで関数の値と、その微分(誤差逆伝播で
使う)を実装します。どの関数もスカラーと NumPy 配列の両方を受け取ります。
The seminar's slides show the sigmoid with a gain g, f(X) = 1 / (1 + exp(-gX)) (003:254), and tanh
(003:256-258), and conclude that these activations are differentiable, which matters later
(003:269-270). Here: the functions and their derivatives (what backpropagation uses). Every
function accepts a scalar or a NumPy array.
"""
import numpy as np


def sigmoid(x, g=1.0):
    """ゲイン g つきのシグモイド関数 f(x) = 1 / (1 + exp(-g x)) / The sigmoid with a gain g.

    講義 / lecture 003:244-254: シグモイド関数によって 0〜1 の値に変換します。ステップ関数の出力が 0 か 1
    なのに比べて、元の入力の値を殺しすぎません。g = 1 が普通のシグモイド関数、g を大きくするほど
    ステップ関数に近づきます。
    Maps inputs to values between 0 and 1 without flattening them as much as the step function.
    g = 1 is the ordinary sigmoid; the larger g, the closer it gets to the step function.

    入力 / Input:
        x: スカラーまたは任意の形の配列 / a scalar or an array of any shape
        g: ゲイン(正の数) / the gain (a positive number)
    戻り値 / Returns:
        x と同じ形の float(スカラーなら float)/ floats shaped like x (a float for a scalar)
        例 / e.g. sigmoid(0, g) = 0.5、sigmoid(1.0, 2.0) = 1 / (1 + e^-2) ≈ 0.8808
    ヒント / Hint:
        g は exp の中で x に掛かります(外側に掛けると値が 0〜1 に収まりません)。
        g multiplies x inside exp (outside, the values would leave 0 to 1).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: seminar_activations.sigmoid")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def tanh(x):
    """tanh 関数 tanh(x) = (e^x - e^-x) / (e^x + e^-x) / The hyperbolic tangent.

    講義 / lecture 003:256-258: 出力は -1〜1、原点を通ります。tanh(x) = 2 sigmoid(2x) - 1 の関係があります。
    Outputs lie between -1 and 1 and it passes through 0; tanh(x) = 2 sigmoid(2x) - 1.

    入力 / Input:
        x: スカラーまたは任意の形の配列 / a scalar or an array of any shape
    戻り値 / Returns:
        x と同じ形の float。x = ±1000 のような大きな入力でも ±1(nan にならない)
        floats shaped like x; ±1 for large inputs such as ±1000 (never nan)
    ヒント / Hint:
        np.tanh があります。定義どおり np.exp で書くと、|x| が 710 を超えたところで exp が inf になり
        inf / inf = nan になります。
        np.tanh exists. Written with np.exp as defined, exp overflows for |x| > 710 and inf / inf is nan.
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: seminar_activations.tanh")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def sigmoid_grad(x, g=1.0):
    """ゲイン g つきシグモイド関数の微分 df/dx / The derivative of the sigmoid with gain g.

    f(x) = sigmoid(x, g) とすると df/dx = g · f(x) · (1 - f(x))(合成関数の微分: 内側 g x の微分 g が掛かる)。
    With f(x) = sigmoid(x, g): df/dx = g · f(x) · (1 - f(x)); the chain rule brings in the inner
    derivative g of g x.

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array;  g: ゲイン / the gain
    戻り値 / Returns:
        x と同じ形の float / floats shaped like x (例 / e.g. sigmoid_grad(0, g) = g / 4)
    ヒント / Hint:
        g = 1 なら教科書 5.5.2 の y(1 - y) です。
        For g = 1 it is the book's y(1 - y) (5.5.2).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: seminar_activations.sigmoid_grad")
    # ============ ここまで / YOUR CODE ENDS HERE ============


def tanh_grad(x):
    """tanh の微分 d tanh(x)/dx = 1 - tanh(x)² / The derivative of tanh.

    入力 / Input:
        x: スカラーまたは配列 / a scalar or an array
    戻り値 / Returns:
        x と同じ形の float(x = 0 で 1、|x| が大きいと 0 に近づく)
        floats shaped like x (1 at x = 0, close to 0 for large |x|)
    ヒント / Hint:
        tanh(x) の 2 乗を 1 から引きます(2 乗を忘れないこと)。
        Subtract the square of tanh(x) from 1 (do not forget the square).
    """
    # ============ ここから書く / YOUR CODE STARTS HERE ============
    raise NotImplementedError("未着手 / not started: seminar_activations.tanh_grad")
    # ============ ここまで / YOUR CODE ENDS HERE ============
