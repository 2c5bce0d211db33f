"""gradient derived by hand without the inner derivative -2 of (x1 - 2*x2 - 1) / 連鎖律の内側の微分 -2 を忘れた"""

MESSAGE_MENTIONS = ('chain rule', '連鎖律')

import torch


def value_and_grad(x1, x2, x3):
    value = f(torch.tensor(float(x1)), torch.tensor(float(x2)), torch.tensor(float(x3))).item()
    inner1, inner2 = x1 - 2 * x2 - 1, x2 * x3 - 1
    return value, (2.0 * inner1, 2.0 * inner1 + 2.0 * x3 * inner2, 2.0 * x2 * inner2)
