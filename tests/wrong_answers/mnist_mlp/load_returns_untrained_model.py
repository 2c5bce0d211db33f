"""load() builds a fresh MLP but never loads the saved state_dict / 保存したパラメータを読み込まずに新しい MLP を返した"""
import torch


def load(path):
    state = torch.load(path, weights_only=True)
    model = MLP()
    model.eval()
    return model
