"""x and t shuffled separately: the pairs (image, label) break, and the inputs are reordered in place / x と t を別々にシャッフルして組が崩れ、入力も書き換える"""

MESSAGE_MENTIONS = ('picked separately', '別々に選んだ')

import numpy as np


def random_batch(x, t, batch_size=100, seed=None):
    rng = np.random.default_rng(seed)
    rng.shuffle(x)
    rng.shuffle(t)
    return x[:batch_size], t[:batch_size]
