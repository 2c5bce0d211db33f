"""He initialisation with the lecture's standard deviation 2/√n (001:2190), drawn like the book with randn / 講義の標準偏差 2/√n の He の初期値"""
import numpy as np


def he_init(n_in, n_out, seed=None):
    rng = np.random.RandomState(seed)
    return rng.randn(n_out, n_in) * 2 / np.sqrt(n_in)
