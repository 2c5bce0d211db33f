"""predictions with the element-wise product x * w instead of x @ w / x @ w でなく要素ごとの積 x * w で予測する"""

MESSAGE_MENTIONS = ('this is x * w', '要素ごとの積')

import numpy as np


def pred(x, w):
    return np.asarray(x, dtype=np.float64) * np.asarray(w, dtype=np.float64)
