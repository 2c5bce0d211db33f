"""学習をうまく進める工夫 / Making training work (講義 / lecture 001:2180-2257; 教科書 / book chapter 6).

重みの初期値(Xavier, He)、荷重減衰(Weight Decay)、Dropout、Batch Normalization。
講義はスライド 1 枚ずつの紹介なので、コードの形(関数名、forward / backward、train_flg)は教科書 6 章に
合わせています。重み行列は torch.nn.Linear と同じ (out, in) の向きです。
Weight initialisation (Xavier, He), weight decay, Dropout and Batch Normalization. The lecture
gives one slide each; the code follows the book's chapter 6 (names, forward / backward, train_flg).
Weight matrices are laid out (out, in), as in torch.nn.Linear.
"""
import numpy as np


def xavier_init(n_in, n_out, seed=None):
    """Xavier の初期値: 標準偏差 1/√n のガウス分布(n は前層のノード数)/ Xavier initialisation.

    講義 / lecture 001:2182-2186: 活性化関数がシグモイド関数の場合、1/√n を標準偏差とするガウス分布で
    各ノードの重みを初期化(n: 前層のノード数)。教科書 6.2.2 も同じです。
    For sigmoid activations: a Gaussian with standard deviation 1/√n, n the number of nodes in
    the previous layer (the layer's inputs). The book (6.2.2) uses the same.

    入力 / Input:
        n_in: 前層のノード数(入力の数) / nodes in the previous layer (inputs)
        n_out: この層のノード数(出力の数) / nodes in this layer (outputs)
        seed: 乱数の種(同じ seed なら同じ重み) / the random seed (the same seed, the same weights)
    戻り値 / Returns:
        形 (n_out, n_in) の float 配列: 平均 0、標準偏差 1/√n_in のガウス分布からの値
        an array of shape (n_out, n_in) drawn from a Gaussian with mean 0 and std 1/√n_in
    ヒント / Hint:
        rng = np.random.default_rng(seed); rng.standard_normal(形 / shape) は標準偏差 1。割るのは √n_in です。
        rng.standard_normal(shape) has std 1; divide by √n_in (the inputs, not the outputs).
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
    ### END SOLUTION


def he_init(n_in, n_out, seed=None):
    """He の初期値: 標準偏差 √(2/n) のガウス分布(n は前層のノード数)/ He initialisation.

    講義 / lecture 001:2188-2192: 活性化関数が ReLU の場合の初期値。講義のスライドは標準偏差を 2/√n と
    書き、教科書 6.2.3 と He らの論文は √(2/n) です。どちらも正解とします。
    For ReLU. The lecture's slide writes the standard deviation as 2/√n; the book (6.2.3) and He
    et al. use √(2/n). Both are accepted.

    入力 / Input:
        n_in: 前層のノード数 / nodes in the previous layer;  n_out: この層のノード数 / nodes in this layer
        seed: 乱数の種 / the random seed
    戻り値 / Returns:
        形 (n_out, n_in) の float 配列(平均 0、標準偏差 √(2/n_in) または 2/√n_in のガウス分布)
        an array of shape (n_out, n_in) from a Gaussian with mean 0 and std √(2/n_in) (or 2/√n_in)
    ヒント / Hint:
        n は「前層」のノード数 n_in です。n_out を使うと層の形によって大きさがずれます。
        n is the previous layer's size n_in; using n_out gives the wrong scale.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)
    ### END SOLUTION


def weight_decay_loss(loss, params, weight_decay_lambda):
    """荷重減衰を加えた損失 L(w) + 1/2 λ ||W||² を返します / The loss with weight decay.

    講義 / lecture 001:2196-2215: 重みの L2 ノルムの 2 乗に 1/2 λ を掛けた正則化項を損失に加えます。
    ||w||₂² = w1² + w2² + ... + wn²。教科書 6.4.2 と同じく、減衰させるのは重み W だけです(バイアス b は除く)。
    Adds 1/2 λ times the squared L2 norm of the weights; as in the book (6.4.2), only the weights W
    decay, not the biases b.

    入力 / Input:
        loss: 正則化前の損失(float) / the loss before regularisation (a float)
        params: {'W1': 配列, 'b1': 配列, 'W2': ...} の辞書。名前が 'W' で始まるものが重み
                a dict {'W1': array, 'b1': array, 'W2': ...}; names starting with 'W' are weights
        weight_decay_lambda: λ (>= 0)
    戻り値 / Returns:
        float: loss + Σ_W 1/2 λ (W の全要素の 2 乗の和) / loss + Σ over weights of 1/2 λ sum(W²)
    ヒント / Hint:
        np.sum(W ** 2) が ||W||² です(np.linalg.norm(W) は 2 乗する前の √ の値)。
        np.sum(W ** 2) is ||W||² (np.linalg.norm(W) is its square root).
    """
    ### BEGIN SOLUTION
    decay = 0.0
    for name, value in params.items():
        if name.startswith("W"):
            decay += 0.5 * weight_decay_lambda * np.sum(np.asarray(value, dtype=np.float64) ** 2)
    return float(loss + decay)
    ### END SOLUTION


def weight_decay_grads(grads, params, weight_decay_lambda):
    """荷重減衰を加えた勾配を返します: 重みは dW + λW、バイアスはそのまま / Gradients with weight decay.

    1/2 λ ||W||² を W で微分すると λW なので、重みの勾配に λW を足します(教科書 6.4.2)。
    The derivative of 1/2 λ ||W||² is λW, so λW is added to each weight's gradient (book 6.4.2).

    入力 / Input:
        grads: params と同じ名前の勾配の辞書 / a dict of gradients with the names of params
        params: {'W1': ..., 'b1': ..., ...} の辞書 / the parameters
        weight_decay_lambda: λ
    戻り値 / Returns:
        新しい辞書: 'W' で始まる名前は grads[name] + λ params[name]、それ以外は grads[name] と同じ値。
        grads と params は書き換えません。
        a new dict: grads[name] + λ params[name] for names starting with 'W', the same values as
        grads for the others. grads and params are left unchanged.
    ヒント / Hint:
        1/2 があるので係数は 2λ ではなく λ です。grads[name] += ... は元の辞書の配列を書き換えます。
        Thanks to the 1/2 the factor is λ, not 2λ. grads[name] += ... would change the caller's arrays.
    """
    ### BEGIN SOLUTION
    decayed = {}
    for name, grad in grads.items():
        grad = np.array(grad, dtype=np.float64)
        if name.startswith("W"):
            grad = grad + weight_decay_lambda * np.asarray(params[name], dtype=np.float64)
        decayed[name] = grad
    return decayed
    ### END SOLUTION


class Dropout:
    """Dropout レイヤ(教科書 6.4.3) / The Dropout layer (book 6.4.3).

    講義 / lecture 001:2220-2226: 学習時にはデータが流れるたびに隠れ層のノードをある割合でランダムに選択し
    消去して学習。テスト時には各層の出力に対して訓練時に消去した割合を乗算した値を出力。
    教科書のコードでは、テスト時に掛けるのは残した割合 (1 - dropout_ratio) です。
    During training, each pass erases a random share of the nodes; at test time the outputs are
    scaled to match. In the book's code the test-time factor is the share kept, 1 - dropout_ratio.

    「逆 Dropout」(学習時に残したノードを 1/(1 - dropout_ratio) 倍し、テスト時はそのまま; torch.nn.Dropout
    のやり方)も正解とします。どちらでも、テスト時の出力は学習時の出力の期待値に等しくなります。
    Inverted dropout (scale the kept nodes by 1/(1 - dropout_ratio) while training and pass
    everything through at test time; what torch.nn.Dropout does) is accepted too: either way
    the test-time output equals the expected training output.

    入力 / Input (__init__):
        dropout_ratio: 消去する割合 (0 <= ratio < 1) / the share of nodes erased
        seed: 乱数の種。self.rng = np.random.default_rng(seed) を使ってマスクを作ります
              the random seed; draw the masks from self.rng = np.random.default_rng(seed)
    """

    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = dropout_ratio
        self.rng = np.random.default_rng(seed)
        # forward は消さなかった場所 (True) を self.mask に覚えます / forward keeps where it kept x in self.mask

    def forward(self, x, train_flg=True):
        """学習時 (train_flg=True) は毎回新しいマスクで消去し、テスト時は出力を縮めます。

        Training (train_flg=True): erase with a new random mask on every call. Test: scale the output.

        入力 / Input:
            x: 任意の形の配列 / an array of any shape;  train_flg: 学習時なら True / True while training
        戻り値 / Returns:
            x と同じ形の配列。学習時: 消した場所は 0、残した場所は x。テスト時: x * (1 - dropout_ratio)。
            (逆 Dropout なら学習時に残した場所が x / (1 - dropout_ratio)、テスト時は x。)
            An array shaped like x. Training: 0 where erased, x where kept. Test: x * (1 - dropout_ratio).
            (Inverted: x / (1 - dropout_ratio) where kept while training, x at test time.)
        ヒント / Hint:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio で、各要素が確率 1 - dropout_ratio で
            残ります(< にすると残る割合が dropout_ratio になります)。マスクは backward のために覚えておきます。
            self.mask = self.rng.random(x.shape) > self.dropout_ratio keeps each element with probability
            1 - dropout_ratio (with < you would keep dropout_ratio). Keep the mask for backward.
        """
        ### BEGIN SOLUTION
        x = np.asarray(x, dtype=np.float64)
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)
        ### END SOLUTION

    def backward(self, dout):
        """直前の forward(学習時)で残した場所だけ dout を通します / Passes dout where forward kept x.

        入力 / Input:
            dout: forward の出力と同じ形の、上流からの勾配 / the upstream gradient, shaped like the output
        戻り値 / Returns:
            dx: x と同じ形。消した場所は 0(逆 Dropout なら残した場所は dout / (1 - dropout_ratio))
            dx shaped like x: 0 where erased (dout / (1 - dropout_ratio) where kept, for inverted dropout)
        ヒント / Hint:
            ReLU と同じく、forward で覚えた self.mask を使います。新しい乱数を作ってはいけません。
            As with ReLU, use the mask remembered in forward; do not draw a new one.
        """
        ### BEGIN SOLUTION
        return np.asarray(dout, dtype=np.float64) * self.mask
        ### END SOLUTION


class BatchNormalization:
    """Batch Normalization レイヤ(教科書 6.3)/ The Batch Normalization layer (book 6.3).

    講義 / lecture 001:2238-2257: ミニバッチ {x_1, ..., x_m} ごとに正規化します。
        μ = 1/m Σ x_i,   σ² = 1/m Σ (x_i - μ)²,   x̂_i = (x_i - μ) / √(σ² + ε)
    (σ² は m で割る分散で、m - 1 では割りません。ε は小さな値 10e-7。) 教科書と同じく、さらに
    y_i = γ x̂_i + β と拡大・平行移動します。
    Normalises each mini-batch with the mean and the variance divided by m (not m - 1); ε is a
    small value (10e-7). As in the book, y_i = γ x̂_i + β then scales and shifts.

    テスト時(train_flg=False)は、学習時に更新した移動平均 running_mean, running_var を μ, σ² の代わりに
    使います: running = momentum * running + (1 - momentum) * (そのバッチの値)。
    At test time (train_flg=False) the running averages replace μ and σ²; each training pass
    updates them as running = momentum * running + (1 - momentum) * (the batch's value).

    入力 / Input (__init__):
        gamma, beta: 形 (D,) の配列 / arrays of shape (D,)
        momentum: 移動平均の係数 / the running averages' factor (教科書 / book: 0.9)
        running_mean, running_var: 移動平均の初期値(None なら 0) / initial running averages (None: zeros)
    属性 / Attributes:
        self.dgamma, self.dbeta: backward で計算する γ, β の勾配 / the gradients backward computes
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = np.asarray(gamma, dtype=np.float64)
        self.beta = np.asarray(beta, dtype=np.float64)
        self.momentum = momentum
        self.eps = 10e-7   # 講義・教科書の ε (= 1e-6) / the lecture's and the book's ε
        self.running_mean = np.zeros_like(self.gamma) if running_mean is None else np.asarray(running_mean, dtype=np.float64)
        self.running_var = np.zeros_like(self.gamma) if running_var is None else np.asarray(running_var, dtype=np.float64)
        # backward のために forward で覚えておく値 / what forward keeps for backward
        self.batch_size = None
        self.xc = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        """正規化して γ 倍し β を足します / Normalises, scales by γ and shifts by β.

        入力 / Input:
            x: 形 (N, D) のミニバッチ / a mini-batch of shape (N, D);  train_flg: 学習時なら True
        戻り値 / Returns:
            形 (N, D) の配列 γ x̂ + β。列(特徴)ごとに、バッチの N 個について平均と分散をとります。
            an array of shape (N, D), γ x̂ + β; mean and variance per column (feature), over the N samples.
        ヒント / Hint:
            平均は axis=0(バッチ方向)です。分散は np.mean(xc ** 2, axis=0)(np.var の既定と同じく m で割る)。
            学習時は running_mean / running_var も更新し、backward のために xc, xn, std, batch_size を覚えます。
            The mean is over axis=0 (the batch); the variance np.mean(xc ** 2, axis=0) divides by m.
            While training, also update running_mean / running_var, and keep xc, xn, std, batch_size.
        """
        ### BEGIN SOLUTION
        x = np.asarray(x, dtype=np.float64)
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc ** 2, axis=0)
            std = np.sqrt(var + self.eps)
            xn = xc / std
            self.batch_size = x.shape[0]
            self.xc, self.xn, self.std = xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - self.running_mean
            xn = xc / np.sqrt(self.running_var + self.eps)
        return self.gamma * xn + self.beta
        ### END SOLUTION

    def backward(self, dout):
        """dx を返し、self.dgamma と self.dbeta を計算します / Returns dx; sets self.dgamma, self.dbeta.

        入力 / Input:
            dout: 形 (N, D) の上流からの勾配(直前の学習時 forward に対して)
                  the upstream gradient of shape (N, D), for the last training-mode forward
        戻り値 / Returns:
            dx: 形 (N, D)。self.dgamma = Σ_n dout·x̂、self.dbeta = Σ_n dout(形 (D,))
            dx of shape (N, D); self.dgamma = Σ_n dout·x̂ and self.dbeta = Σ_n dout (shape (D,))
        ヒント / Hint:
            μ と σ² もバッチの x から計算されているので、x̂ を通る道だけでなく μ, σ² を通る道の勾配も
            足し合わせます(計算グラフの合流、講義 001:2399-2407)。
            μ and σ² are computed from the batch too: add the gradients along the paths through μ
            and σ², not only the one through x̂ (gradients add where paths meet, lecture 001:2399-2407).
        """
        ### BEGIN SOLUTION
        dout = np.asarray(dout, dtype=np.float64)
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        return dxc - dmu / self.batch_size
        ### END SOLUTION
