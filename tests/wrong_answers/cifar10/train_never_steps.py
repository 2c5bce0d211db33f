"""train computes the loss and its gradients but never calls optimizer.step() / optimizer.step() を呼ばない"""

MESSAGE_MENTIONS = ('optimizer.step()', 'を呼んでいますか')

import torch
from torch import nn


def train(model, loader, device):
    model.to(device)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(3):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
