"""accuracy that feeds predict one sample at a time (book 3.6.2) and ignores batch_size: the same share correct / predict に 1 サンプルずつ渡し batch_size を使わない accuracy(教科書 3.6.2、値は同じ)"""
import numpy as np


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(len(x)):
        y = predict(network, x[i])
        p = np.argmax(y)
        if p == t[i]:
            accuracy_cnt += 1
    return float(accuracy_cnt) / len(x)
