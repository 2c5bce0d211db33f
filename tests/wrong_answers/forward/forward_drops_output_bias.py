"""forward pass that forgets the output layer's bias b3 / 出力層のバイアス b3 を足し忘れた順伝播"""

MESSAGE_MENTIONS = ('bias b3', 'バイアス b3')


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2 = network["b1"], network["b2"]
    z1 = sigmoid(x @ W1.T + b1)
    z2 = sigmoid(z1 @ W2.T + b2)
    return identity_function(z2 @ W3.T)
