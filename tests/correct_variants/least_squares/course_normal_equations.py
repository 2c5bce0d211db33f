"""the lecture's closed form (001:2744-2754): set ∂L/∂a = 0 and ∂L/∂b = 0 and solve the two linear equations / 講義の解き方(偏微分 = 0 の連立方程式)"""
import numpy as np


def fit_line(xs, ys):
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    # ∂L/∂a = -2Σx(y - ax - b) = 0,  ∂L/∂b = -2Σ(y - ax - b) = 0
    A = np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    rhs = np.array([np.sum(x * y), np.sum(y)])
    a, b = np.linalg.solve(A, rhs)
    return float(a), float(b)
