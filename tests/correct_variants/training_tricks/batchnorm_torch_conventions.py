"""Batch Normalization with torch's ε = 1e-5, torch's unbiased running variance and the compact backward formula / torch の ε と不偏な移動平均分散、まとめた形の逆伝播"""
import numpy as np


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = np.asarray(gamma, dtype=np.float64)
        self.beta = np.asarray(beta, dtype=np.float64)
        self.momentum = momentum
        self.eps = 1e-5
        self.running_mean = np.zeros_like(self.gamma) if running_mean is None else np.asarray(running_mean, dtype=np.float64)
        self.running_var = np.zeros_like(self.gamma) if running_var is None else np.asarray(running_var, dtype=np.float64)

    def forward(self, x, train_flg=True):
        x = np.asarray(x, dtype=np.float64)
        if not train_flg:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        n = x.shape[0]
        mu, var = x.mean(axis=0), x.var(axis=0)
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var * n / (n - 1)
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        dout = np.asarray(dout, dtype=np.float64)
        n = dout.shape[0]
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = dout * self.gamma
        return (n * dxn - dxn.sum(axis=0) - self.xn * np.sum(dxn * self.xn, axis=0)) / (n * self.std)
