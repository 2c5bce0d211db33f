"""train() computes the gradients but never calls optimizer.step() / optimizer.step() を呼ばず重みが変わらない"""

MESSAGE_MENTIONS = ('optimizer.step()', 'パラメータが変わっていません')

import torch
from torch import nn


def train(model, loader, epochs=10, device="cpu"):
    model.to(device)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    losses = []
    for _ in range(epochs):
        total, batches = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x.to(device)), y.to(device))
            loss.backward()
            total += loss.item()
            batches += 1
        losses.append(total / batches)
    return losses
