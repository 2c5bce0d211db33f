"""weights kept in the book's (in, out) layout with x @ W, not (out, in) / 重みを (出力, 入力) でなく教科書の (入力, 出力) のまま x @ W で計算"""

MESSAGE_MENTIONS = ('(out, in)', '(出力, 入力)')

import numpy as np


def init_network():
    network = {}
    network["W1"] = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    network["b1"] = np.array([0.1, 0.2, 0.3])
    network["W2"] = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    network["b2"] = np.array([0.1, 0.2])
    network["W3"] = np.array([[0.1, 0.3], [0.2, 0.4]])
    network["b3"] = np.array([0.1, 0.2])
    return network


def forward(network, x):
    z1 = sigmoid(np.dot(x, network["W1"]) + network["b1"])
    z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
    return identity_function(np.dot(z2, network["W3"]) + network["b3"])
