"""the book's np.random.choice(N, batch_size): with replacement, a row can be picked twice / 教科書の np.random.choice(N, batch_size) は復元抽出で、同じ行を 2 回選ぶことがある"""

MESSAGE_MENTIONS = ('replace=False', '非復元抽出')

import numpy as np


def random_batch(x, t, batch_size=100, seed=None):
    x, t = np.asarray(x), np.asarray(t)
    rng = np.random.default_rng(seed)
    batch_mask = rng.choice(len(x), batch_size)
    return x[batch_mask], t[batch_mask]
