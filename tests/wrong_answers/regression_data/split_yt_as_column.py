"""the targets taken as an (N, 1) column (data[:, 1:2]): yp - yt then broadcasts to (N, N) / yt を data[:, 1:2] で形 (N, 1) の列として取り出す(yp - yt が (N, N) に)"""

MESSAGE_MENTIONS = ('broadcast to (N, N)', '(N, N) に広がり')

import numpy as np


def split_columns(data):
    data = np.asarray(data)
    return data[:, 0:1], data[:, 1:2]
