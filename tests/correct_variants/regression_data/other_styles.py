"""The same preparation with keepdims, reshape, np.hstack and np.dot / keepdims、reshape、np.hstack、np.dot で書いた同じ前処理"""
import numpy as np


def center(data):
    data = np.asarray(data, dtype=np.float64)
    return data - np.mean(data, axis=0, keepdims=True)


def split_columns(data):
    data = np.asarray(data)
    return data[:, 0].reshape(-1, 1), data[:, 1].copy()


def add_dummy(x):
    x = np.asarray(x, dtype=np.float64)
    return np.hstack([np.ones((len(x), 1)), x])


def pred(x, w):
    return np.dot(x, w)
