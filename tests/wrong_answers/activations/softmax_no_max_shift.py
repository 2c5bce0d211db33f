"""softmax without subtracting the maximum (overflows) / 最大値を引かないソフトマックス"""
import numpy as np


def softmax(x):
    exp = np.exp(x)
    return exp / np.sum(exp, axis=-1, keepdims=True)
