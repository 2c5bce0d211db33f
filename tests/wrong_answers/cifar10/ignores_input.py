"""forward runs the network on a stored blank image instead of its input x / forward が入力 x ではなく保存した空の画像を使う"""

MESSAGE_MENTIONS = ('use its input x', '入力 x を使って')

import torch
from torch import nn


class _Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(16, 10)
        self.register_buffer("blank", torch.zeros(1, 3, 32, 32))

    def forward(self, x):
        return self.head(self.features(self.blank.expand(len(x), -1, -1, -1)))


def build_model():
    return _Net()


def train(model, loader, device):
    model.to(device)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(3):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
