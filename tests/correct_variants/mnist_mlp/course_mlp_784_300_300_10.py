"""the lecture's class model, 784-300-300-10 with ReLU (001:3361-3371) / 講義のクラス版のモデル(中間層 2 層)"""
import torch
import torch.nn.functional as F


class MLP(torch.nn.Module):
    def __init__(self):
        super(MLP, self).__init__()
        self.l1 = torch.nn.Linear(784, 300)
        self.l2 = torch.nn.Linear(300, 300)
        self.l3 = torch.nn.Linear(300, 10)

    def forward(self, x):
        h = F.relu(self.l1(x))
        h = F.relu(self.l2(h))
        y = self.l3(h)
        return y
