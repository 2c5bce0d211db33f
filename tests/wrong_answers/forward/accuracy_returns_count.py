"""accuracy that returns the number of correct samples instead of the share / 正解率でなく正解数を返す accuracy"""

MESSAGE_MENTIONS = ('count of correct', '正解数')

import numpy as np


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(0, len(x), batch_size):
        p = np.argmax(predict(network, x[i:i + batch_size]), axis=1)
        accuracy_cnt += int(np.sum(p == t[i:i + batch_size]))
    return accuracy_cnt
