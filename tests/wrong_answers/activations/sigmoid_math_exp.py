"""sigmoid with math.exp, which takes scalars only: arrays fail / スカラーしか受け取らない math.exp を使ったシグモイド"""

MESSAGE_MENTIONS = ('math.exp', 'math の関数')

import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))
