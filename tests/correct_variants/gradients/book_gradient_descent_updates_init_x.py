"""the book's gradient_descent (4.4.1), which updates init_x in place through x = init_x; the lecture's w ← w - η∇L(w) (001:1971-1979) / 教科書 4.4.1 の勾配降下法(init_x をその場で更新)"""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x

    for i in range(step_num):
        grad = numerical_gradient(f, x)
        x -= lr * grad

    return x
