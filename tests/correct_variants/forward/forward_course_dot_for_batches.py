"""forward pass in the course's np.dot(W, x) form (000:619-646) made to take batches too: np.dot(W, x.T).T, one column per sample / 授業の np.dot(W, x) の形 (000:619-646) のまま x.T でバッチにも使える順伝播"""
import numpy as np


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(W1, x.T).T + b1)
    z2 = sigmoid(np.dot(W2, z1.T).T + b2)
    z3 = np.dot(W3, z2.T).T + b3
    return identity_function(z3)
