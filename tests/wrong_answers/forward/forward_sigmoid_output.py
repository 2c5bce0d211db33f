"""forward pass with a sigmoid on the output layer instead of the identity (000:623: z3 = W3·z2 + b3) / 出力層に恒等関数でなくシグモイドを使った順伝播"""

MESSAGE_MENTIONS = ('sigmoid on the output layer', '恒等関数')


def forward(network, x):
    z1 = sigmoid(x @ network["W1"].T + network["b1"])
    z2 = sigmoid(z1 @ network["W2"].T + network["b2"])
    return sigmoid(z2 @ network["W3"].T + network["b3"])
