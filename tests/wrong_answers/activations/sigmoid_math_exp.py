"""sigmoid with math.exp, which takes scalars only: arrays fail / スカラーしか受け取らない math.exp を使ったシグモイド"""
import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))
