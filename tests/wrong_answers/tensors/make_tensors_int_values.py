"""torch.tensor(values) without dtype: a list of ints gives an int64 tensor / dtype を付けない torch.tensor(values) で、整数のリストから int64 のテンソルができる"""

MESSAGE_MENTIONS = ('integer', '整数')

import torch


def make_tensors(rows, cols, values):
    zeros = torch.zeros((rows, cols), requires_grad=True)
    ones = torch.ones((rows, cols), requires_grad=True)
    t = torch.tensor(values)
    return zeros, ones, t
