"""the lecture's forward difference (f(x+h) - f(x)) / h with h = 1e-4 (001:1898, 1906-1908), in numerical_diff and per element in numerical_gradient / 講義の前方差分"""
import numpy as np


def numerical_diff(f, x):
    h = 1e-4
    return (f(x+h) - f(x)) / h


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh = f(x)
        x[idx] = tmp_val
        grad[idx] = (fxh - fx) / h
    return grad
