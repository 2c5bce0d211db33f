"""step function that gives 1 at x == 0, as the course's slide h(x) = 1 (x >= 0) writes it (001:1592) / 授業のスライド (001:1592) どおり x == 0 で 1 を返すステップ関数"""
import numpy as np


def step_function(x):
    return np.array(x >= 0, dtype=int)
