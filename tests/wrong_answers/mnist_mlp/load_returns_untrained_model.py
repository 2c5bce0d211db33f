"""load() builds a fresh MLP but never loads the saved state_dict / 保存したパラメータを読み込まずに新しい MLP を返した"""

MESSAGE_MENTIONS = ('load_state_dict', '読み込んでいません')

import torch


def load(path):
    state = torch.load(path, weights_only=True)
    model = MLP()
    model.eval()
    return model
