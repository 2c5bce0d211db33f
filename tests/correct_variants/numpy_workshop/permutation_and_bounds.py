"""A batch from a seeded permutation, b built from a comprehension, and the index range checked by hand (negative indices included) / 並べ替えの先頭で選ぶミニバッチ、手書きの範囲判定"""
import numpy as np


def shift_and_scale(a, shift=3, scale=10):
    b = np.array([v + shift for v in np.asarray(a)])
    return b, b * scale


def index_or_none(X, i, j=None):
    X = np.asarray(X)
    if X.ndim == 0 or not -len(X) <= i < len(X):
        return None
    row = X[i]
    if j is None:
        return row
    if np.ndim(row) == 0 or not -len(row) <= j < len(row):
        return None
    return row[j]


def random_batch(x, t, batch_size=100, seed=None):
    rows = np.random.default_rng(seed).permutation(len(x))[:batch_size]
    return np.asarray(x)[rows], np.asarray(t)[rows]
