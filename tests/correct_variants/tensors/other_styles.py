"""The same tensors with @, torch.masked_select, .float() and F.linear / @、masked_select、.float()、F.linear で書いた同じ計算"""
import torch
import torch.nn.functional as F


def make_tensors(rows, cols, values):
    return torch.zeros(rows, cols), torch.ones(rows, cols), torch.tensor(values).float()


def products(A, B):
    return torch.mul(A, B), A @ B


def greater_than(X, threshold):
    return torch.masked_select(X.flatten(), X.flatten() > threshold)


def relu_and_mse(x1, x2):
    return torch.clamp(x1, min=0), ((x1 - x2) ** 2).mean()


class MyLinear(torch.nn.Module):
    def __init__(self, W, b):
        super(MyLinear, self).__init__()
        self.W = torch.nn.Parameter(W.clone().float())
        self.b = torch.nn.Parameter(b.clone().float())

    def forward(self, x):
        return F.linear(x, self.W, self.b)
