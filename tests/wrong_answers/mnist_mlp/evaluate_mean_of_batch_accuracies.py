"""evaluate() averages per-batch accuracies, which is wrong when the last batch is smaller / バッチごとの正解率の平均を返した"""

MESSAGE_MENTIONS = ('per-batch accuracies', 'バッチごとの正解率')

import torch


def evaluate(model, loader, device="cpu"):
    model.eval()
    accuracies = []
    with torch.no_grad():
        for x, y in loader:
            accuracies.append((model(x.to(device)).argmax(dim=1) == y.to(device)).float().mean().item())
    return sum(accuracies) / len(accuracies)
