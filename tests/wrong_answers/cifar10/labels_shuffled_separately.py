"""shuffles the images and the labels with two different permutations / 画像とラベルを別々の順序でシャッフル"""

MESSAGE_MENTIONS = ('stay paired', '画像とラベルの対応')

import torch

_reference_train = train  # noqa: F821 (appended to the solution module)


class _Shuffled:
    def __init__(self, images, labels):
        self.images = images[torch.randperm(len(images))]
        self.labels = labels[torch.randperm(len(labels))]  # the mistake: a second, different permutation


def train(model, loader, device):
    return _reference_train(model, _Shuffled(loader.images, loader.labels), device)
