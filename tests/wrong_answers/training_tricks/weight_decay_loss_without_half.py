"""the penalty λ||W||² without the lecture's 1/2 / 講義の 1/2 を付け忘れた正則化項 λ||W||²"""

MESSAGE_MENTIONS = ('1/2 is missing', '1/2 を付け忘れ')

import numpy as np


def weight_decay_loss(loss, params, weight_decay_lambda):
    decay = 0.0
    for name, value in params.items():
        if name.startswith("W"):
            decay += weight_decay_lambda * np.sum(np.asarray(value, dtype=np.float64) ** 2)
    return float(loss + decay)
