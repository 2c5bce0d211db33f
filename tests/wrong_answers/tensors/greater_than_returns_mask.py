"""returns the boolean mask X > threshold instead of the elements / 要素ではなく True / False の印 X > threshold を返す"""


def greater_than(X, threshold):
    return X.flatten() > threshold
