"""tanh as 2 sigmoid(2x) - 1 (003:256-258), overflow warnings silenced / tanh(x) = 2 sigmoid(2x) - 1"""
import numpy as np


def tanh(x):
    with np.errstate(over="ignore"):
        return 2 * sigmoid(x, 2.0) - 1


def tanh_grad(x):
    y = tanh(x)
    return (1 - y) * (1 + y)
