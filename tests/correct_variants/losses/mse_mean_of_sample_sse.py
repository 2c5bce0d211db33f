"""mean squared error as the mean over the samples of each sample's sum of squares, np.mean(0.5 * np.sum((y - t) ** 2, axis=-1)) (001:1800-1802 with 001:1814-1816) / サンプルごとの 2 乗和誤差のサンプル平均として書いた平均 2 乗誤差"""
import numpy as np


def mean_squared_error(y, t):
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    return float(np.mean(0.5 * np.sum((y - t) ** 2, axis=-1)))
