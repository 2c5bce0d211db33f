"""forward pass written as the course writes one sample, sig(np.dot(W, x) + b) (000:619-646): it earns every one-sample point and loses only the batch points (batches through forward / predict, and accuracy) / 授業の 1 サンプルの形 sig(np.dot(W, x) + b) (000:619-646) の順伝播: 1 サンプルの点はすべて取れ、バッチの点だけを失う"""
import numpy as np


def forward(network, x):
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]
    z1 = sigmoid(np.dot(W1, x) + b1)
    z2 = sigmoid(np.dot(W2, z1) + b2)
    z3 = np.dot(W3, z2) + b3
    return identity_function(z3)
