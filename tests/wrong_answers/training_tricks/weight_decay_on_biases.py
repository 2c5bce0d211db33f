"""weight decay applied to every parameter, the biases included / バイアスも含めたすべてのパラメータに荷重減衰をかける"""

MESSAGE_MENTIONS = ('biases do not decay', 'バイアスは減衰させません')

import numpy as np


def weight_decay_loss(loss, params, weight_decay_lambda):
    decay = 0.0
    for value in params.values():
        decay += 0.5 * weight_decay_lambda * np.sum(np.asarray(value, dtype=np.float64) ** 2)
    return float(loss + decay)


def weight_decay_grads(grads, params, weight_decay_lambda):
    return {name: np.asarray(grad, dtype=np.float64) + weight_decay_lambda * np.asarray(params[name], dtype=np.float64)
            for name, grad in grads.items()}
