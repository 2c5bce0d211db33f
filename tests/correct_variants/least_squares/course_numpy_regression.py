"""the lecture's NumPy regression (002:76-79): pred(x, w) = x @ w, yd = yp - yt, w = w - alpha * (x.T @ yd) / M, L = np.mean(yd ** 2) / 2, rows stacked with np.vstack / 講義 002 の線形回帰のコード"""
import numpy as np


def pred(x, w):
    return x @ w


def linear_regression_gd(x, yt, w, alpha=0.01, iters=200):
    M = x.shape[0]
    history = np.zeros((0, 4))
    for k in range(iters):
        yp = pred(x, w)
        yd = yp - yt
        w = w - alpha * (x.T @ yd) / M
        w0 = float(w[0])
        w1 = float(w[1])
        L = np.mean(yd ** 2) / 2
        line = np.array([k, L, w0, w1])
        history = np.vstack((history, line))
    return w, history
