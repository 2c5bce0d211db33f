"""the lecture's training loop (001:3052-3062, 3418-3434): images.view(-1, 28*28), F.cross_entropy, Adam with its defaults, the epoch loss as the sum of the batch losses, printed every epoch / 講義の学習ループ(損失はバッチの合計)"""
import torch
import torch.nn.functional as F


def train(model, loader, epochs=10, device="cpu"):
    model = model.to(device)
    model.train()
    optimizer = torch.optim.Adam(model.parameters())
    losses = []
    for epoch in range(epochs):
        loss = 0
        for images, labels in loader:
            images = images.view(-1, 28*28).to(device)
            labels = labels.to(device)
            optimizer.zero_grad()
            y = model(images)
            batchloss = F.cross_entropy(y, labels)
            batchloss.backward()
            optimizer.step()
            loss = loss + batchloss.item()
        print("epoch", epoch, ": loss", loss)
        losses.append(loss)
    return losses
