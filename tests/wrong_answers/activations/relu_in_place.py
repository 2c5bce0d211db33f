"""ReLU that overwrites its input array / 入力配列を書き換える ReLU"""

MESSAGE_MENTIONS = ('modify the input', '書き換え')

import numpy as np


def relu(x):
    x[x < 0] = 0
    return x
