"""mse_loss written by hand with a factor 1/2 (the course's 1/(2N) loss) / 講義の 1/(2N) に引きずられて 1/2 を付けた自作の mse_loss"""

MESSAGE_MENTIONS = ('factor 1/2', '1/2 が付いています')

import torch.nn.functional as F


def relu_and_mse(x1, x2):
    return F.relu(x1), ((x1 - x2) ** 2).mean() / 2
