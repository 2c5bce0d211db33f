"""torch.matmul(B, A): the matrix product in the wrong order / 行列の積を torch.matmul(B, A) と逆順で計算する"""

MESSAGE_MENTIONS = ('torch.matmul(B, A)', 'A が左')

import torch


def products(A, B):
    return A * B, torch.matmul(B, A)
