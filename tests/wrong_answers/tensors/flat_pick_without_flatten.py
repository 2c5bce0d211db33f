"""X[idx] without flattening: rows are picked instead of elements / 1 次元にせず X[idx] として、要素でなく行を取り出す"""

MESSAGE_MENTIONS = ('picks rows, not elements', '「行」が取り出されます')



def flat_pick(X, idx):
    return X[idx]
