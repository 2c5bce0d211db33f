"""Loading the bundled MNIST subset and the sample weights of the course's network.

同梱の MNIST サブセット(IDX 形式、torchvision の MNIST と同じ配置)と、
784-50-100-10 ネットワークのサンプル重み(pickle を使わない .npz)を読み込みます。
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..paths import DATA

MNIST_ROOT = DATA / "mnist"
SAMPLE_WEIGHTS = DATA / "sample_weight.npz"

#: shapes of the sample weights, (out, in) as in torch.nn.Linear
WEIGHT_SHAPES = {"W1": (50, 784), "b1": (50,), "W2": (100, 50), "b2": (100,), "W3": (10, 100), "b3": (10,)}


def load_mnist(train: bool, root: str | Path = MNIST_ROOT) -> tuple[np.ndarray, np.ndarray]:
    """MNIST through torchvision's own loader (``download=False``).

    Returns ``(images, labels)``: images uint8 of shape (N, 784) with values 0..255,
    labels int64 of shape (N,). With the default root this is the bundled subset
    (4,000 training / 1,000 test digits); point ``root`` at a folder filled by
    ``autograder fetch-data mnist --root DIR`` for the full set.
    """
    from torchvision.datasets import MNIST

    root = Path(root).expanduser()
    try:
        dataset = MNIST(root=str(root), train=bool(train), download=False)
    except RuntimeError as exc:
        raise FileNotFoundError(
            f"MNIST が {root / 'MNIST' / 'raw'} に見つかりません / MNIST not found under "
            f"{root / 'MNIST' / 'raw'} (autograder fetch-data mnist --root {root})") from exc
    images = dataset.data.numpy().reshape(len(dataset), 28 * 28).astype(np.uint8)
    labels = dataset.targets.numpy().astype(np.int64)
    return images, labels


def load_sample_weights(path: str | Path = SAMPLE_WEIGHTS) -> dict[str, np.ndarray]:
    """The sample weights for ``forward.predict`` as float64 arrays (no pickle).

    Keys W1 (50, 784), b1 (50,), W2 (100, 50), b2 (100,), W3 (10, 100), b3 (10,);
    the network is sigmoid, sigmoid, softmax on inputs scaled to [0, 1].
    """
    with np.load(Path(path), allow_pickle=False) as archive:
        weights = {key: np.asarray(archive[key], dtype=np.float64) for key in WEIGHT_SHAPES}
    for key, shape in WEIGHT_SHAPES.items():
        if weights[key].shape != shape:
            raise ValueError(f"{path}: {key} has shape {weights[key].shape}, expected {shape}")
    return weights
