"""gradient descent that updates init_x itself (x = init_x is not a copy) / init_x をそのまま書き換える勾配降下法"""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for _ in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad
    return x
