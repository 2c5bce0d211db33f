"""step function that returns 1 at x == 0 / x == 0 で 1 を返すステップ関数"""
import numpy as np


def step_function(x):
    return np.asarray(np.asarray(x) >= 0).astype(np.int64)
