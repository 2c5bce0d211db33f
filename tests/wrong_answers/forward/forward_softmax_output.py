"""forward pass that ends in softmax instead of the identity / 出力層に恒等関数でなくソフトマックスを使った順伝播"""

MESSAGE_MENTIONS = ('softmax on the output layer', '恒等関数')


def forward(network, x):
    z1 = sigmoid(x @ network["W1"].T + network["b1"])
    z2 = sigmoid(z1 @ network["W2"].T + network["b2"])
    return softmax(z2 @ network["W3"].T + network["b3"])


def predict(network, x):
    return forward(network, x)
