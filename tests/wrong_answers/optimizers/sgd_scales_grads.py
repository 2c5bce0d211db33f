"""SGD that scales grads in place (grads *= lr) and so changes the caller's gradients / grads を書き換えてしまう SGD"""

MESSAGE_MENTIONS = ('scaled by lr', 'lr 倍に書き換え')


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            grads[key] *= self.lr
            params[key] -= grads[key]
