"""accuracy with np.argmax(y_batch) without axis=1: one index for the whole batch / axis=1 を付けずバッチ全体で 1 つの argmax を取る accuracy"""

MESSAGE_MENTIONS = ('axis=1', '軸')

import numpy as np


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(0, len(x), batch_size):
        p = np.argmax(predict(network, x[i:i + batch_size]))
        accuracy_cnt += int(np.sum(p == t[i:i + batch_size]))
    return float(accuracy_cnt / len(x))
