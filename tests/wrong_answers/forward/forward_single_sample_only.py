"""forward pass written as W @ x + b, which only works for one sample / W @ x + b と書いて 1 サンプルにしか使えない順伝播"""
import numpy as np


def forward(network, x):
    z1 = sigmoid(np.dot(network["W1"], x) + network["b1"])
    z2 = sigmoid(np.dot(network["W2"], z1) + network["b2"])
    return identity_function(np.dot(network["W3"], z2) + network["b3"])
