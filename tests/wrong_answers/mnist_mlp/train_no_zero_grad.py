"""train() never calls optimizer.zero_grad(), so gradients pile up / optimizer.zero_grad() を忘れて勾配が累積した"""

MESSAGE_MENTIONS = ('zero_grad()', 'バッチごとに optimizer.zero_grad()')

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
            x, y = x.to(device), y.to(device)
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        losses.append(total / batches)
    return losses
