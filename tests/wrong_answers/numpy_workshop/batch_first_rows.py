"""the first batch_size rows every time, not a random pick / ランダムに選ばず、いつも先頭の batch_size 行を返す"""

MESSAGE_MENTIONS = ('first rows', '先頭の行')

import numpy as np


def random_batch(x, t, batch_size=100, seed=None):
    x, t = np.asarray(x), np.asarray(t)
    return x[:batch_size], t[:batch_size]
