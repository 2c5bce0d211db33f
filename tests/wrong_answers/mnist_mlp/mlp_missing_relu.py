"""MLP without the ReLU between the two linear layers / 2 つの全結合層の間の ReLU を忘れた"""

MESSAGE_MENTIONS = ('no ReLU', 'ReLU がない')

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 300)
        self.fc2 = nn.Linear(300, 10)

    def forward(self, x):
        return self.fc2(self.fc1(x))
