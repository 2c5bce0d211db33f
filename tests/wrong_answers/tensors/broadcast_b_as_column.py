"""b reshaped to a column, so it multiplies each row by one value / b を列ベクトルにして、各行を 1 つの値で掛けてしまう"""

MESSAGE_MENTIONS = ('as a column', '列 (N, 1)')



def broadcast_ops(A, b, s):
    return A * s, A + s, A * b.reshape(-1, 1)
