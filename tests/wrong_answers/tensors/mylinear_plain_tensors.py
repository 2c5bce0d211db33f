"""W and b kept as tensors with requires_grad=True, not torch.nn.Parameter: PyTorch sees no parameters / W, b を requires_grad=True のテンソルのまま持ち、torch.nn.Parameter にしない(パラメータとして認識されない)"""

MESSAGE_MENTIONS = ('requires_grad=True alone is not enough', 'パラメータとして認識していません')

import torch


class MyLinear(torch.nn.Module):
    def __init__(self, W, b):
        super().__init__()
        self.W = torch.as_tensor(W, dtype=torch.float32).clone().requires_grad_(True)
        self.b = torch.as_tensor(b, dtype=torch.float32).clone().requires_grad_(True)

    def forward(self, x):
        return x @ self.W.T + self.b
