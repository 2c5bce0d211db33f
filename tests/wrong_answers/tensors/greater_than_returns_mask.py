"""returns the boolean mask X > threshold instead of the elements / 要素ではなく True / False の印 X > threshold を返す"""

MESSAGE_MENTIONS = ('not the mask', '印ではなく要素')



def greater_than(X, threshold):
    return X.flatten() > threshold
