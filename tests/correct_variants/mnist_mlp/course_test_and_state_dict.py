"""the lecture's test and state_dict code (001:3090-3101, 3435, 3452-3467): pred_labels = y.max(dim=1)[1], correct.item() / total with total = len(loader.dataset), torch.save / load_state_dict(torch.load(path)) / 講義の評価と保存・読み込みのコード"""
import torch


def evaluate(model, loader, device="cpu"):
    total = len(loader.dataset)
    correct = 0
    model = model.to(device)
    model.eval()
    for images, labels in loader:
        images = images.view(-1, 28*28).to(device)
        labels = labels.to(device)
        y = model(images)
        pred_labels = y.max(dim=1)[1]
        correct = correct + (pred_labels == labels).sum()
    return correct.item() / float(total)


def save(model, path):
    torch.save(model.state_dict(), path)


def load(path):
    model = MLP()
    model.load_state_dict(torch.load(path))
    model.eval()
    return model
