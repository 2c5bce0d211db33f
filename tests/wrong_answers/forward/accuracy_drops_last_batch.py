"""accuracy that skips the last, shorter batch (range(len(x) // batch_size)) / 最後の端数のバッチを数えない accuracy"""

MESSAGE_MENTIONS = ('last, shorter batch', '端数のバッチ')

import numpy as np


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for b in range(len(x) // batch_size):
        i = b * batch_size
        p = np.argmax(predict(network, x[i:i + batch_size]), axis=1)
        accuracy_cnt += np.sum(p == t[i:i + batch_size])
    return float(accuracy_cnt) / len(x)
