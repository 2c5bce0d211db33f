"""X[idx] without flattening: rows are picked instead of elements / 1 次元にせず X[idx] として、要素でなく行を取り出す"""


def flat_pick(X, idx):
    return X[idx]
