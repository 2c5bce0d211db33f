"""the gradient 2λW, as if the penalty had no 1/2 / 1/2 がないものとして微分した勾配 2λW"""

MESSAGE_MENTIONS = ('adds 2λW', '2λW を足しています')

import numpy as np


def weight_decay_grads(grads, params, weight_decay_lambda):
    decayed = {}
    for name, grad in grads.items():
        grad = np.array(grad, dtype=np.float64)
        if name.startswith("W"):
            grad = grad + 2 * weight_decay_lambda * np.asarray(params[name], dtype=np.float64)
        decayed[name] = grad
    return decayed
