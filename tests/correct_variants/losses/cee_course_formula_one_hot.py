"""cross entropy as the course's formula -1/N Σn Σk t_nk log(y_nk) (001:1804, 1861) on one-hot targets (labels turned one-hot), with the book's delta (4.2.2) / 授業の式 -1/N Σn Σk t log y (001:1804, 1861) を one-hot で書いた交差エントロピー(delta は教科書 4.2.2)"""
import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
    if t.size != y.size:
        t = np.eye(y.shape[1])[t.reshape(-1)]
    N = y.shape[0]
    return float(-np.sum(t * np.log(y + delta)) / N)
