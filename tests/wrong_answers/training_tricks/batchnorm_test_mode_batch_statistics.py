"""test mode normalises with the test batch's own mean and variance, not the running averages / テスト時も移動平均でなく、そのバッチ自身の平均と分散で正規化する"""

MESSAGE_MENTIONS = ('running averages', '移動平均')

import numpy as np


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = np.asarray(gamma, dtype=np.float64)
        self.beta = np.asarray(beta, dtype=np.float64)
        self.momentum = momentum
        self.eps = 10e-7
        self.running_mean = np.zeros_like(self.gamma) if running_mean is None else np.asarray(running_mean, dtype=np.float64)
        self.running_var = np.zeros_like(self.gamma) if running_var is None else np.asarray(running_var, dtype=np.float64)
        self.batch_size = None
        self.xc = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        x = np.asarray(x, dtype=np.float64)
        mu = x.mean(axis=0)
        xc = x - mu
        var = np.mean(xc ** 2, axis=0)
        std = np.sqrt(var + self.eps)
        xn = xc / std
        if train_flg:
            self.batch_size = x.shape[0]
            self.xc, self.xn, self.std = xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        return self.gamma * xn + self.beta

    def backward(self, dout):
        dout = np.asarray(dout, dtype=np.float64)
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        return dxc - dmu / self.batch_size
