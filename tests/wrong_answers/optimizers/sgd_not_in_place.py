"""SGD that rebinds a local name instead of changing params (nothing is updated) / params を書き換えず、ローカル変数に代入するだけの SGD"""

MESSAGE_MENTIONS = ('did not change', '変わっていません')


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            param = params[key]
            param = param - self.lr * grads[key]
